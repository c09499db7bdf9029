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

/** Shortest piece of a known secret that is cut out wherever it appears. */
export const MIN_SECRET_FRAGMENT = 6;

/**
 * Cuts out every run of `text` that is a substring of `secret` at least `min` characters long,
 * so an upstream that quotes part of a key ("…ret:7731.distinct") leaks nothing either.
 */
export function cutSecretFragments(
  text: string,
  secret: string,
  min = MIN_SECRET_FRAGMENT,
): string {
  if (secret.length < min || text.length < min) return text;
  // Index every `min`-long window of the secret; a hit is then extended as far as it matches.
  const starts = new Map<string, number[]>();
  for (let j = 0; j + min <= secret.length; j++) {
    const w = secret.slice(j, j + min);
    const list = starts.get(w);
    if (list) list.push(j);
    else starts.set(w, [j]);
  }
  let out = "";
  let i = 0;
  while (i < text.length) {
    let best = 0;
    for (const j of starts.get(text.slice(i, i + min)) ?? []) {
      let len = min;
      while (i + len < text.length && j + len < secret.length && text[i + len] === secret[j + len])
        len++;
      if (len > best) best = len;
    }
    if (best) {
      if (!out.endsWith("[redacted]")) out += "[redacted]";
      i += best;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

export function redactText(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  for (const s of secrets) if (s) out = cutSecretFragments(out, s);
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
