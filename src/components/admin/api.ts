"use client";

import { isErrorBody } from "@/lib/errors";

/** An error answered by the admin API, in the contract's error shape (§2). */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

const CODE_LABEL: Record<string, string> = {
  invalid_request: "提交的内容不合法",
  unauthorized: "登录已失效，请重新登录",
  forbidden: "没有管理员权限",
  not_found: "对象不存在或已被删除",
  model_not_found: "模型不存在或不可用",
  conflict: "标识已被占用",
  payload_too_large: "提交的内容过大",
  rate_limited: "请求过于频繁，请稍后再试",
  upstream_error: "服务商返回错误",
  upstream_timeout: "服务商响应超时",
  internal_error: "服务器内部错误",
  network: "网络连接失败，请检查网络后重试",
};

// For answers that are not in the contract's error shape (a proxy page, a missing route).
const STATUS_CODE: Record<number, string> = {
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  429: "rate_limited",
};

const HAS_CJK = /[\u4e00-\u9fff]/;

/** A Chinese sentence for any error thrown by `adminApi` (or anything else). */
export function errorText(err: unknown): string {
  if (err instanceof AdminApiError) {
    const label = CODE_LABEL[err.code] ?? `请求失败（${err.status}）`;
    if (!err.message || err.message === label) return label;
    // Server messages are usually Chinese already; an English one is kept as the detail.
    return HAS_CJK.test(err.message) ? err.message : `${label}：${err.message}`;
  }
  return CODE_LABEL.network;
}

/** fetch against the same-origin admin API with the session cookie; throws AdminApiError. */
export async function adminApi<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new AdminApiError("", 0, "network");
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a non-JSON answer (proxy error page); reported by status below
  }
  if (!res.ok) {
    if (isErrorBody(body))
      throw new AdminApiError(body.error.message, res.status, body.error.code, body.error.param);
    throw new AdminApiError(
      "",
      res.status,
      STATUS_CODE[res.status] ?? (res.status >= 500 ? "internal_error" : "invalid_request"),
    );
  }
  return body as T;
}

export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
