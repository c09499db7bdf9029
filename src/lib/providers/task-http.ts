import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { env } from "@/lib/env";
import { fetchOutbound, OutboundError } from "@/lib/net/outbound";
import { accessSecrets, type ProviderAccess, requestHeaders } from "./access";
import { scrubSecrets } from "./errors";
import { type RemoteFile, TaskUpstreamError } from "./task-types";

// The transport every task adapter shares: JSON (or multipart) calls with the provider's key,
// failures sorted into retryable or not, messages scrubbed of the provider's secrets; and result
// downloads, streamed, through the outbound guard.

const retryableStatus = (status: number) => status === 429 || status === 408 || status >= 500;

function retryAfterMs(headers: Headers): number | null {
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers.get("retry-after");
  if (!raw) return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as {
      error?: { message?: string } | string;
      detail?: string;
      message?: string;
      msg?: string;
    };
    const msg =
      (typeof body.error === "string" ? body.error : body.error?.message) ??
      body.detail ??
      body.message ??
      body.msg;
    if (typeof msg === "string" && msg) return msg;
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

export type CallOptions = {
  method?: "GET" | "POST" | "DELETE";
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

/** Calls the provider and parses its JSON answer; throws TaskUpstreamError on any failure. */
export async function callProvider(
  access: ProviderAccess,
  url: string,
  opts: CallOptions = {},
): Promise<unknown> {
  const secrets = accessSecrets(access);
  const headers = { ...requestHeaders(access), ...opts.headers };
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.form) body = opts.form;
  const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await access.fetch(url, {
      method: opts.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      signal,
    });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    const why = e.name === "TimeoutError" ? "超时" : (e.cause?.code ?? "网络错误");
    throw new TaskUpstreamError(`无法连接上游服务 ${access.slug}（${why}）`, true);
  }
  const text = await res.text().catch(() => "");
  if (!res.ok) {
    const detail = scrubSecrets(errorText(text), secrets);
    throw new TaskUpstreamError(
      `上游服务 ${access.slug} 返回错误 ${res.status}${detail ? `：${detail}` : ""}`,
      retryableStatus(res.status),
      retryAfterMs(res.headers),
      res.status,
    );
  }
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    throw new TaskUpstreamError(`上游服务 ${access.slug} 返回的不是 JSON`, false, null, res.status);
  }
}

export const MAX_RESULT_FILE_BYTES = 2 * 1024 * 1024 * 1024;

export type OpenedFile = { body: Readable; contentType: string | null };

/**
 * Opens a result file as a stream. Network providers go through the outbound guard (public
 * addresses, or the provider's own host; size cap; per-chunk timeout), with the provider's
 * credentials only for its own host when `auth`. An in-process provider (the mock) is read
 * through its own fetch. A 4xx (an expired or deleted URL) is final; anything else is retryable.
 */
export async function openResultFile(
  access: ProviderAccess,
  file: RemoteFile,
  maxBytes = MAX_RESULT_FILE_BYTES,
): Promise<OpenedFile> {
  // A provider that answers the bytes inline (Stability's results) hands them on as a data: URL.
  const inline = /^data:([\w.+/-]+)?;base64,(.*)$/s.exec(file.url);
  if (inline) {
    const bytes = Buffer.from(inline[2], "base64");
    if (bytes.length > maxBytes) throw new TaskUpstreamError("上游返回的结果过大", false);
    return { body: Readable.from([bytes]), contentType: inline[1] ?? null };
  }
  if (access.local) {
    const res = await access.fetch(file.url, { headers: requestHeaders(access) });
    if (!res.ok || !res.body)
      throw new TaskUpstreamError(
        `结果文件无法下载（${res.status}）`,
        res.status >= 500,
        null,
        res.status,
      );
    return {
      body: Readable.fromWeb(res.body as unknown as NodeWebStream<Uint8Array>),
      contentType: res.headers.get("content-type"),
    };
  }
  let host: string | null = null;
  try {
    host = new URL(access.baseURL).hostname;
  } catch {
    // a malformed baseURL trusts nothing
  }
  const headers: Record<string, string> = {};
  if (file.auth && access.apiKey) headers.authorization = `Bearer ${access.apiKey}`;
  if (file.auth) Object.assign(headers, access.headers);
  try {
    const res = await fetchOutbound(file.url, {
      trustedHosts: host ? [host] : [],
      timeoutMs: env.OUTBOUND_TIMEOUT_MS,
      maxBytes,
      headers,
    });
    return { body: res.body, contentType: res.contentType };
  } catch (err) {
    const reason = err instanceof OutboundError ? err.reason : (err as Error).message;
    const status = Number(/^status (\d{3})$/.exec(reason)?.[1] ?? 0) || null;
    // One message whatever the reason (no port-state oracle); 4xx means the file is gone.
    throw new TaskUpstreamError(
      `上游服务 ${access.slug} 的结果文件无法下载`,
      status === null || status === 429 || status >= 500,
      null,
      status,
    );
  }
}
