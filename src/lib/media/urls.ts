import "server-only";
import { env } from "@/lib/env";
import { storage } from "@/lib/storage";

// Media URLs in API answers are absolute, on our own origin (contract §5): clients never see a
// provider's URL, and a client on another origin (the app shell) can load them as given.

/**
 * Absolute base for media URLs: PUBLIC_URL, else the origin the client used to reach us. The
 * X-Forwarded-Proto/-Host read here come from a TRUSTED_PROXIES peer or from Next.js itself (the
 * socket and the Host header): src/lib/api/server-hooks.ts drops anyone else's.
 */
export function publicOrigin(req: Request): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const url = new URL(req.url);
  const first = (v: string | null) => v?.split(",")[0].trim() || null;
  const proto = first(req.headers.get("x-forwarded-proto")) ?? url.protocol.replace(":", "");
  const host = first(req.headers.get("x-forwarded-host")) ?? req.headers.get("host") ?? url.host;
  return `${proto}://${host}`;
}

/** The absolute URL of a stored media key for this request. */
export function mediaUrl(req: Request, key: string): string {
  return `${publicOrigin(req)}${storage.url(key)}`;
}
