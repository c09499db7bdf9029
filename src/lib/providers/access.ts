import "server-only";
import { decryptSecret } from "@/lib/crypto";
import type { ProviderRow } from "@/lib/db/schema";
import { scrubSecrets, type UpstreamRef } from "./errors";
import { adapterFor } from "./registry";

// Everything needed to talk to a provider (decrypted key included). Stays on the server side of
// the service boundary: never returned, logged or audited.

export type ProviderAccess = {
  slug: string;
  baseURL: string;
  apiKey: string | null;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** Answered in process (the built-in mock): never reached over the network. */
  local: boolean;
};

export function providerAccess(row: ProviderRow): ProviderAccess {
  const adapter = adapterFor(row.kind);
  const extra = JSON.parse(row.extraHeaders || "{}") as Record<string, string>;
  return {
    slug: row.slug,
    baseURL: row.baseURL,
    apiKey: row.apiKeyEncrypted ? decryptSecret(row.apiKeyEncrypted) : null,
    headers: { ...adapter.defaultHeaders, ...extra },
    fetch: adapter.fetch,
    local: adapter.local ?? false,
  };
}

/** Headers for a plain (non-SDK) request: the admin's extra headers plus the bearer key. */
export function requestHeaders(access: ProviderAccess): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", ...access.headers };
  if (access.apiKey) headers.authorization = `Bearer ${access.apiKey}`;
  return headers;
}

/** What must never leave the server about a provider: its key and its extra header values. */
export function accessSecrets(access: Pick<ProviderAccess, "apiKey" | "headers">): string[] {
  const out = access.apiKey ? [access.apiKey] : [];
  for (const value of Object.values(access.headers)) if (value.length >= 6) out.push(value);
  return out;
}

/** The provider of a row as error mapping sees it; secrets are decrypted only when asked for. */
export function upstreamRef(row: ProviderRow): UpstreamRef {
  let cached: string[] | null = null;
  return {
    slug: row.slug,
    secrets: () => {
      if (cached) return cached;
      const extra = JSON.parse(row.extraHeaders || "{}") as Record<string, string>;
      cached = accessSecrets({
        apiKey: row.apiKeyEncrypted ? decryptSecret(row.apiKeyEncrypted) : null,
        headers: extra,
      });
      return cached;
    },
  };
}

/** An upstream or network error message fit for an admin: no key, no credentials, bounded. */
export function cleanError(
  message: string,
  access: Pick<ProviderAccess, "apiKey" | "headers">,
): string {
  return scrubSecrets(message, accessSecrets(access));
}

const NETWORK_REASONS: [RegExp, string][] = [
  [/^ECONNREFUSED$/, "服务器拒绝连接"],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "域名无法解析"],
  [/^ECONNRESET$/, "连接被重置"],
  [/^ETIMEDOUT$/, "连接超时"],
  [/^(EHOSTUNREACH|ENETUNREACH)$/, "网络不可达"],
  [/CERT|TLS|SSL|SELF_SIGNED/, "TLS 证书校验失败"],
];

/** What a network error code means, for an admin. */
function networkReason(code: string | undefined): string {
  const reason = NETWORK_REASONS.find(([re]) => code && re.test(code))?.[1] ?? "网络错误";
  return code ? `${reason}（${code}）` : reason;
}

/** GET a provider URL as JSON within `timeoutMs`; errors carry clean messages. */
export async function getJson(
  access: ProviderAccess,
  url: string,
  timeoutMs: number,
): Promise<unknown> {
  let res: Response;
  try {
    res = await access.fetch(url, {
      headers: requestHeaders(access),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string } };
    const cause = e.cause ?? {};
    if (
      e.name === "TimeoutError" ||
      e.name === "AbortError" ||
      /timed? ?out/i.test(cause.message ?? "")
    )
      throw new Error(`连接超时（${timeoutMs} ms）`);
    // No "连接失败" prefix: the admin UI puts the failure in context itself.
    throw new Error(cleanError(networkReason(cause.code), access));
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
      detail =
        (typeof body.error === "string" ? body.error : body.error?.message) ??
        body.message ??
        detail;
    } catch {
      // not JSON: keep the start of the text
    }
    throw new Error(cleanError(`HTTP ${res.status}${detail ? `：${detail}` : ""}`, access));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error("返回的不是 JSON");
  }
}
