import "server-only";
import { env } from "@/lib/env";
import { accessSecrets, type ProviderAccess } from "../access";
import { scrubSecrets } from "../errors";
import { TaskUpstreamError } from "../task-types";

// One call to Stability's REST API: multipart in; the picture's bytes (Accept: image/*) or JSON
// out. Errors are {name, errors:[…]} JSON; they become TaskUpstreamErrors, retryable on 429, 5xx
// and network failures, with the provider's secrets scrubbed from the message.

export type StabilityAnswer = {
  status: number;
  contentType: string;
  bytes: Buffer;
  headers: Headers;
};

const retryable = (status: number) => status === 429 || status === 408 || status >= 500;

function retryAfterMs(headers: Headers): number | null {
  const secs = Number(headers.get("retry-after"));
  return Number.isFinite(secs) && secs > 0 ? secs * 1000 : null;
}

function errorText(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  try {
    const body = JSON.parse(text) as { errors?: unknown; message?: unknown; name?: unknown };
    if (Array.isArray(body.errors) && body.errors.length) return body.errors.join("；");
    if (typeof body.message === "string") return body.message;
    if (typeof body.name === "string") return body.name;
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

export async function stabilityCall(
  access: ProviderAccess,
  url: string,
  opts: { form?: FormData; accept?: string; signal?: AbortSignal } = {},
): Promise<StabilityAnswer> {
  const headers: Record<string, string> = {
    ...access.headers,
    accept: opts.accept ?? "image/*",
  };
  if (access.apiKey) headers.authorization = `Bearer ${access.apiKey}`;
  const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await access.fetch(url, {
      method: opts.form ? "POST" : "GET",
      headers,
      body: opts.form,
      signal,
    });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    const why = e.name === "TimeoutError" ? "超时" : (e.cause?.code ?? "网络错误");
    throw new TaskUpstreamError(`无法连接上游服务 ${access.slug}（${why}）`, true);
  }
  const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (!res.ok) {
    const detail = scrubSecrets(errorText(bytes), accessSecrets(access));
    throw new TaskUpstreamError(
      `上游服务 ${access.slug} 返回错误 ${res.status}${detail ? `：${detail}` : ""}`,
      retryable(res.status),
      retryAfterMs(res.headers),
      res.status,
    );
  }
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    bytes,
    headers: res.headers,
  };
}

/** A 200 that should carry a picture; a filtered or non-image answer fails the call. */
export function pictureOf(access: ProviderAccess, answer: StabilityAnswer): Buffer {
  if (answer.headers.get("finish-reason") === "CONTENT_FILTERED")
    throw new TaskUpstreamError(`上游服务 ${access.slug} 的内容审核拦截了结果`, false, null, 403);
  if (!answer.contentType.startsWith("image/") || !answer.bytes.length)
    throw new TaskUpstreamError(`上游服务 ${access.slug} 没有返回图片`, false);
  return answer.bytes;
}
