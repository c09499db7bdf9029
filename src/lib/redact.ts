// The one scrubber for free text that may carry secrets (upstream error messages, unexpected
// errors before they are logged): URLs lose their userinfo and query string, key-like tokens
// and `key=value` assignments are replaced, and explicitly named secrets are cut out.

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const ASSIGNMENT = /\b(api[_-]?key|key|token|access_token|secret|password)=[^&\s"']+/gi;
const KEY_PATTERNS = [
  /\b(sk|pk|rk|ak)-[A-Za-z0-9_*-]{6,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b[A-Za-z0-9_-]{32,}\b/g,
];

export function redactText(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  out = out.replace(URL_PATTERN, (raw) => {
    try {
      const u = new URL(raw);
      return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      return "[url]";
    }
  });
  out = out.replace(ASSIGNMENT, (_m, name: string) => `${name}=[redacted]`);
  for (const p of KEY_PATTERNS) out = out.replace(p, "[redacted]");
  return out;
}
