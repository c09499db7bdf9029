import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env, secrets } from "@/lib/env";

// Callback URLs handed to providers carry a per-task token (an HMAC of the task id under our
// own secret): a callback for a task is accepted only with its token, on top of any signature
// the provider adds (Replicate signs; Kie-style APIs do not).

export function webhookToken(taskId: string): string {
  return createHmac("sha256", secrets().authSecret)
    .update(`task-webhook:${taskId}`)
    .digest("base64url")
    .slice(0, 32);
}

export function checkWebhookToken(taskId: string, token: string | null): boolean {
  if (!token) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(webhookToken(taskId));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The callback URL for a task, or null when the app has no public address (polling only). */
export function webhookUrl(taskId: string): string | null {
  if (!env.PUBLIC_URL) return null;
  const base = env.PUBLIC_URL.replace(/\/+$/, "");
  return `${base}/api/tasks/${encodeURIComponent(taskId)}/webhook?token=${webhookToken(taskId)}`;
}
