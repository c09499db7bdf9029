// Client-side check of the extraHeaders JSON textarea; the server validates again (contract §3).

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// These are set by the app from the provider's key and baseURL; overriding them would leak or misroute.
const RESERVED = new Set(["authorization", "host"]);

export type HeadersResult = { ok: true; value: Record<string, string> } | { ok: false; error: string };

export function parseExtraHeaders(text: string): HeadersResult {
  if (!text.trim()) return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: "不是合法的 JSON，例如 {\"HTTP-Referer\": \"https://example.com\"}" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: "必须是 JSON 对象（键为请求头名称，值为字符串）" };
  }
  const value: Record<string, string> = {};
  for (const [name, v] of Object.entries(parsed)) {
    if (!TOKEN.test(name)) return { ok: false, error: `请求头名称“${name}”不合法` };
    if (RESERVED.has(name.toLowerCase())) return { ok: false, error: `不允许覆盖 ${name} 请求头` };
    if (typeof v !== "string") return { ok: false, error: `请求头 ${name} 的值必须是字符串` };
    if (/[\r\n]/.test(v)) return { ok: false, error: `请求头 ${name} 的值不能包含换行` };
    value[name] = v;
  }
  return { ok: true, value };
}

export function formatExtraHeaders(headers: Record<string, string> | null | undefined): string {
  return headers && Object.keys(headers).length ? JSON.stringify(headers, null, 2) : "";
}
