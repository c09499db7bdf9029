// The /mobile shell's only way to reach the API. It may run on another origin than the server
// (capacitor://localhost, a static host), so it never relies on cookies: every request carries
// the bearer token from POST /api/auth/token, and every failure becomes one HttpError built from
// the contract's error shape (§2) — or a "network" HttpError when no answer came back at all.

export type HttpErrorKind = "api" | "network";

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const NETWORK_ERROR_MESSAGE = "网络连接失败，请检查网络后重试";

/** True for "scheme:…" (http:, https:, data:, blob:, capacitor:) and protocol-relative URLs. */
function isAbsolute(url: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("//");
}

/** Joins the API base with a path; an empty base keeps the path relative (same origin). */
export function joinUrl(base: string, path: string): string {
  if (isAbsolute(path)) return path;
  const cleanBase = base.replace(/\/+$/, "");
  if (!cleanBase) return path.startsWith("/") ? path : `/${path}`;
  return `${cleanBase}/${path.replace(/^\/+/, "")}`;
}

/** Media URLs from the API may be relative (`/api/media/…`); the shell must load them from the API host. */
export const resolveMediaUrl = joinUrl;

const STATUS_MESSAGES: Record<number, string> = {
  401: "请先登录",
  403: "没有权限",
  404: "内容不存在",
  429: "请求过于频繁，请稍后再试",
};

/** Builds an HttpError from any failed response: the contract shape when present, a plain message otherwise. */
export async function errorFromResponse(res: Response): Promise<HttpError> {
  let text = "";
  try {
    text = await res.text();
  } catch {
    // body unreadable: fall through to the status message
  }
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's HTML error page, say)
  }
  const err = (parsed as { error?: Record<string, unknown> } | null)?.error;
  const requestId = res.headers.get("x-request-id");
  if (err && typeof err === "object" && typeof err.message === "string") {
    return new HttpError(
      "api",
      res.status,
      typeof err.code === "string" ? err.code : `http_${res.status}`,
      err.message,
      typeof err.param === "string" ? err.param : null,
      typeof err.requestId === "string" ? err.requestId : requestId,
    );
  }
  const message = STATUS_MESSAGES[res.status] ?? `服务暂时不可用（${res.status}）`;
  return new HttpError(
    "api",
    res.status,
    res.status === 401 ? "unauthorized" : `http_${res.status}`,
    message,
    null,
    requestId,
  );
}

export type HttpConfig = {
  baseUrl: string;
  /** The current bearer token, or null when signed out. */
  getToken: () => string | null;
  /** Called when a request that carried a token is answered 401 (expired or revoked). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
};

export type RequestOptions = {
  method?: string;
  /** Serialized as JSON unless it is FormData. */
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export type Http = {
  /**
   * fetch() against the API with the bearer token, answering whatever the server answered (no
   * throw on 4xx/5xx) — the transport shared components use (`setApiTransport`). A 401 to a
   * request that carried a token still signs the shell out.
   */
  raw: (path: string, init?: RequestInit) => Promise<Response>;
  /** The raw response of a successful request (for streams); failures throw HttpError. */
  send: (path: string, options?: RequestOptions) => Promise<Response>;
  /** A successful JSON answer; failures throw HttpError. */
  json: <T>(path: string, options?: RequestOptions) => Promise<T>;
  /** Absolute URL for a media path returned by the API. */
  media: (url: string) => string;
  baseUrl: string;
};

function withQuery(path: string, query: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

export function createHttp(config: HttpConfig): Http {
  const doFetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = config.getToken();
    if (token) headers.set("authorization", `Bearer ${token}`);
    const res = await doFetch(joinUrl(config.baseUrl, path), {
      ...init,
      headers,
      credentials: "omit",
    });
    if (res.status === 401 && token) config.onUnauthorized?.();
    return res;
  }

  async function send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    const token = config.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await doFetch(joinUrl(config.baseUrl, withQuery(path, options.query)), {
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        headers,
        body,
        signal: options.signal,
        // Bearer only: a cookie session of the same host must not decide who the shell is.
        credentials: "omit",
      });
    } catch (err) {
      if ((err as Error)?.name === "AbortError") throw err;
      throw new HttpError("network", 0, "network_error", NETWORK_ERROR_MESSAGE);
    }
    if (res.ok) return res;
    const error = await errorFromResponse(res);
    if (res.status === 401 && token) config.onUnauthorized?.();
    throw error;
  }

  async function json<T>(path: string, options?: RequestOptions): Promise<T> {
    const res = await send(path, options);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new HttpError("api", res.status, "invalid_response", "服务返回了无法识别的数据");
    }
  }

  return {
    raw,
    send,
    json,
    media: (url) => resolveMediaUrl(config.baseUrl, url),
    baseUrl: config.baseUrl,
  };
}
