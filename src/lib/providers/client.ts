import "server-only";
import OpenAI from "openai";
import { db } from "@/lib/db";
import type { ProviderRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { type ProviderAccess, providerAccess } from "./access";
import { OVERLOADED_HEADER } from "./overload";
import { MAX_RETRIES, retryable } from "./retry";
import { type Wire, wireFor } from "./wire";

// providerClientFactory: the official OpenAI SDK configured from a provider row.
//
// Retries: the SDK's own loop (maxRetries 2, exponential backoff 0.5 s → 1 s with up to 25 %
// jitter, `Retry-After`/`retry-after-ms` honoured, network errors and timeouts retried, never
// once a stream body has started). The SDK would also retry 408/409; the contract says 429, 5xx
// and network errors only, so `retryPolicy` pins that with the SDK's `x-should-retry` header.
//
// Cache: one client per provider, keyed on everything that shapes it (updatedAt included), so a
// change made through another app instance applies as soon as the row read says so.

export function retryPolicy(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    if (res.status < 400) return res;
    // Our own "pool full" answer: retrying would only add to the queue it was refused from.
    if (res.headers.has(OVERLOADED_HEADER)) {
      const headers = new Headers(res.headers);
      headers.set("x-should-retry", "false");
      return new Response(res.body, { status: res.status, headers });
    }
    const headers = new Headers(res.headers);
    headers.set("x-should-retry", retryable(res.status) ? "true" : "false");
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

type Cached = { fingerprint: string; client: OpenAI; wire: Wire };
const g = globalThis as unknown as { __aigcAiClients?: Map<string, Cached> };
const cache = (g.__aigcAiClients ??= new Map());

const fingerprint = (row: ProviderRow) =>
  [
    row.id,
    row.updatedAt,
    row.kind,
    row.baseURL,
    row.extraHeaders,
    row.apiKeyEncrypted ?? "",
    env.AI_TIMEOUT_MS,
  ].join("\u0000");

function createProviderClient(access: ProviderAccess): OpenAI {
  return new OpenAI({
    baseURL: access.baseURL,
    // The SDK insists on a key; keyless providers (Ollama, the mock) get a placeholder and the
    // Authorization header is dropped below so nothing fake is sent upstream.
    apiKey: access.apiKey ?? "no-key",
    defaultHeaders: access.apiKey ? access.headers : { ...access.headers, authorization: null },
    // The transport times each attempt from when it is sent (./http-fetch.ts) and may first wait up
    // to one timeout for a pool slot; the SDK's own timer, which would count that wait, is only a
    // backstop above both.
    timeout: env.AI_TIMEOUT_MS * 2 + 1000,
    maxRetries: MAX_RETRIES,
    fetch: retryPolicy(access.fetch),
  });
}

/** The SDK client for an enabled provider; 404 model_not_found when it is unknown or disabled. */
export async function providerClientFactory(providerSlug: string): Promise<OpenAI> {
  const row = await db
    .selectFrom("providers")
    .selectAll()
    .where("slug", "=", providerSlug)
    .executeTakeFirst();
  if (!row || !row.enabled) {
    cache.delete(providerSlug);
    throw new ApiError("model_not_found", "该模型的服务提供方不可用", { provider: providerSlug });
  }
  return clientForRow(row);
}

/**
 * The cached client for a provider row the caller has just read (resolveModel's, which is
 * current as of the catalog version), without reading it again.
 */
export function clientForRow(row: ProviderRow): OpenAI {
  return cachedFor(row).client;
}

/** The same provider as an SDK-free JSON transport (./wire.ts), cached alongside its client. */
export function wireForRow(row: ProviderRow): Wire {
  return cachedFor(row).wire;
}

function cachedFor(row: ProviderRow): Cached {
  const fp = fingerprint(row);
  const hit = cache.get(row.slug);
  if (hit && hit.fingerprint === fp) return hit;
  // One decryption of the key for both ways of calling the provider.
  const access = providerAccess(row);
  const entry = { fingerprint: fp, client: createProviderClient(access), wire: wireFor(access) };
  cache.set(row.slug, entry);
  return entry;
}
