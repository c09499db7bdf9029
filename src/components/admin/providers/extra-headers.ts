// Client-side check of the extraHeaders JSON textarea: JSON problems get their own messages here,
// then the server's own schema runs, so the page and the API never disagree (contract §3).
import { extraHeadersSchema, RESERVED_HEADERS } from "@/lib/catalog/provider-schemas";

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type HeadersResult =
  { ok: true; value: Record<string, string> } | { ok: false; error: string };

export function parseExtraHeaders(text: string): HeadersResult {
  if (!text.trim()) return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: '不是合法的 JSON，例如 {"HTTP-Referer": "https://example.com"}' };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: "必须是 JSON 对象（键为请求头名称，值为字符串）" };
  }
  const value: Record<string, string> = {};
  for (const [name, v] of Object.entries(parsed)) {
    if (!TOKEN.test(name)) return { ok: false, error: `请求头名称“${name}”不合法` };
    if (RESERVED_HEADERS.includes(name.toLowerCase()))
      return { ok: false, error: `不允许覆盖 ${name} 请求头` };
    if (typeof v !== "string") return { ok: false, error: `请求头 ${name} 的值必须是字符串` };
    if (/[\r\n]/.test(v)) return { ok: false, error: `请求头 ${name} 的值不能包含换行` };
    value[name] = v;
  }
  const checked = extraHeadersSchema.safeParse(value);
  return checked.success
    ? { ok: true, value: checked.data }
    : { ok: false, error: checked.error.issues[0]?.message ?? "请求头不合法" };
}

export function formatExtraHeaders(headers: Record<string, string> | null | undefined): string {
  return headers && Object.keys(headers).length ? JSON.stringify(headers, null, 2) : "";
}
