// Browser-side fetch helpers for the app's own API. Every non-2xx answer carries the contract's
// one error shape; it is turned into a ClientApiError whose message is the server's own text.

export type ClientErrorCode = string;

export class ClientApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ClientErrorCode,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = "ClientApiError";
  }

  get insufficientCredits(): boolean {
    return this.status === 402 || this.code === "insufficient_credits";
  }
}

const FALLBACK: Record<number, string> = {
  400: "请求参数有误",
  401: "请先登录",
  402: "积分不足",
  403: "没有权限执行此操作",
  404: "模型不存在或已停用",
  409: "请求重复，请稍后再试",
  413: "文件或请求体过大",
  415: "不支持的文件类型",
  429: "请求过于频繁，请稍后再试",
  502: "模型服务出错，请稍后再试",
  504: "模型服务响应超时",
};

type ErrorShape = { error?: { message?: unknown; code?: unknown; requestId?: unknown } };

/** Builds the error from an already-parsed error body (also used for errors sent inside a stream). */
export function errorFromBody(status: number, body: unknown): ClientApiError {
  const err = (body as ErrorShape | null)?.error;
  const message =
    typeof err?.message === "string" && err.message
      ? err.message
      : (FALLBACK[status] ?? `请求失败（${status}）`);
  const code =
    typeof err?.code === "string" ? err.code : status === 402 ? "insufficient_credits" : "error";
  const requestId = typeof err?.requestId === "string" ? err.requestId : null;
  return new ClientApiError(message, status, code, requestId);
}

export async function readError(res: Response): Promise<ClientApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // a proxy error page or an empty body: fall back to the status text below
  }
  const err = errorFromBody(res.status, body);
  if (!err.requestId)
    return new ClientApiError(err.message, err.status, err.code, res.headers.get("x-request-id"));
  return err;
}

/** Network failures (offline, aborted connection) become one readable message. */
export function networkError(err: unknown): Error {
  if (err instanceof ClientApiError) return err;
  if (err instanceof DOMException && err.name === "AbortError") return err;
  return new ClientApiError("网络连接失败，请检查网络后重试", 0, "network_error");
}

/** How browser code reaches the API: a fetch() taking an API path ("/api/…"). */
export type ApiTransport = (path: string, init: RequestInit) => Promise<Response>;

const sameOrigin: ApiTransport = (path, init) =>
  fetch(path, { credentials: "same-origin", ...init });
let transport: ApiTransport = sameOrigin;

/**
 * Replaces the transport for every shared client call (models, balance, chat, images). The /mobile
 * shell installs src/lib/http.ts here — remote API base + bearer token — so the same components
 * work there; `null` restores same-origin cookie requests.
 */
export function setApiTransport(next: ApiTransport | null): void {
  transport = next ?? sameOrigin;
}

export const apiFetch: ApiTransport = (path, init) => transport(path, init);

export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await apiFetch(path, {
      ...init,
      headers: { accept: "application/json", ...init.headers },
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

export const postJson = <T>(path: string, body: unknown, signal?: AbortSignal) =>
  requestJson<T>(path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
    signal,
  });

/** A fresh idempotency key for one user action (contract §4: unique per user). */
export function newRequestId(): string {
  return `web_${crypto.randomUUID()}`;
}
