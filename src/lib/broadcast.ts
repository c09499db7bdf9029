import "server-only";
import Redis from "ioredis";
import { env } from "@/lib/env";
import { instanceId } from "@/lib/instance";
import { logger } from "@/lib/logger";

// With REDIS_URL, a change to what public pages show reaches every web instance at once:
// - "gallery": a work added, edited, published, removed or liked, on a web instance or by a
//   task worker storing a generated work; each instance drops its gallery caches
//   (gallery/cache.ts) and kept public pages (scripts/page-cache.mjs);
// - "settings": the operator's settings (the site announcement); each instance rereads them and
//   drops its kept pages.
// Without Redis, or while it is unreachable, changes made elsewhere show within the caches' TTLs.

export type PublicChange = "gallery" | "settings";

const CHANNEL = "aigc:public-changes";
const g = globalThis as unknown as { __aigcBroadcast?: { publisher?: Redis; listening?: true } };
const bus = (g.__aigcBroadcast ??= {});

/** Tells the other processes about `change` (best effort; never throws). */
export function announce(change: PublicChange): void {
  if (!env.REDIS_URL) return;
  bus.publisher ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  bus.publisher.publish(CHANNEL, `${instanceId} ${change}`).catch((err: Error) => {
    logger.warn({ err: { message: err.message } }, "public change not announced");
  });
}

/** Runs the handler for each change another process announces (subscribes once per process). */
export function listenForChanges(handlers: Record<PublicChange, () => void>): void {
  if (!env.REDIS_URL || bus.listening) return;
  bus.listening = true;
  // A connection in subscriber mode cannot publish: this one only listens, and resubscribes by
  // itself after a reconnect.
  const subscriber = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  subscriber.on("message", (_channel: string, message: string) => {
    const [from, change] = message.split(" ");
    if (from !== instanceId && Object.hasOwn(handlers, change)) handlers[change as PublicChange]();
  });
  subscriber.on("error", (err: Error) => {
    logger.warn({ err: { message: err.message } }, "public change listener");
  });
  subscriber.subscribe(CHANNEL).catch((err: Error) => {
    logger.warn({ err: { message: err.message } }, "public change listener not subscribed");
  });
}
