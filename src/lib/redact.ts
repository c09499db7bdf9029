// Scrubs secrets out of free text (error messages, upstream bodies) before it is logged or shown.
const PATTERNS: [RegExp, string][] = [
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, "$1[redacted]@"],
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1[redacted]"],
  [/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, "$1-[redacted]"],
  [/([?&](?:api[_-]?key|key|token|access_token|secret)=)[^&\s]+/gi, "$1[redacted]"],
];

export function redactText(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
