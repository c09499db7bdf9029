import "server-only";
import Redis from "ioredis";
import { env } from "@/lib/env";
import { instanceId } from "@/lib/instance";
import { logger } from "@/lib/logger";

// With REDIS_URL, a gallery write on one process (a web instance, or a task worker storing a
// generated work) reaches every web instance at once: each drops its gallery caches
// (cache.ts) and kept public pages (scripts/page-cache.mjs) as if the write were its own.
// Without Redis, or while it is unreachable, writes made elsewhere show within the caches' TTLs.

const CHANNEL = "aigc:gallery-changed";
const g = globalThis as unknown as { __aigcGalleryBus?: { publisher?: Redis; listening?: true } };
const bus = (g.__aigcGalleryBus ??= {});

/** Tells the other processes that the gallery changed (best effort; never throws). */
export function announceGalleryChange(): void {
  if (!env.REDIS_URL) return;
  bus.publisher ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  bus.publisher.publish(CHANNEL, instanceId).catch((err: Error) => {
    logger.warn({ err: { message: err.message } }, "gallery change not announced");
  });
}

/** Calls `onChange` whenever another process announces a gallery change (once per process). */
export function listenForGalleryChanges(onChange: () => void): void {
  if (!env.REDIS_URL || bus.listening) return;
  bus.listening = true;
  // A connection in subscriber mode cannot publish: this one only listens, and resubscribes
  // by itself after a reconnect.
  const subscriber = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  subscriber.on("message", (_channel: string, from: string) => {
    if (from !== instanceId) onChange();
  });
  subscriber.on("error", (err: Error) => {
    logger.warn({ err: { message: err.message } }, "gallery change listener");
  });
  subscriber.subscribe(CHANNEL).catch((err: Error) => {
    logger.warn({ err: { message: err.message } }, "gallery change listener not subscribed");
  });
}
