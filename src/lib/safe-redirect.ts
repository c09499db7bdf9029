// Where to send a user after sign-in. Only same-site relative paths are honoured, so a crafted
// link (`?callbackUrl=https://evil.example` or `//evil.example`) can never become an open redirect.
// Pure and shared by server pages and client forms.

const BASE = "http://same-site.invalid";

export function safeCallbackUrl(raw: string | null | undefined, fallback = "/"): string {
  if (!raw || typeof raw !== "string" || raw.length > 2000) return fallback;
  // Backslashes and control characters are normalised by browsers into scheme-relative URLs.
  if (!raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f]/.test(raw))
    return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never bounce back into the auth pages themselves.
  return path.startsWith("/auth/") ? fallback : path;
}

/** The sign-in page URL that brings the user back to `returnTo` afterwards. */
export function signInHref(returnTo: string): string {
  return `/auth/signin?callbackUrl=${encodeURIComponent(safeCallbackUrl(returnTo))}`;
}
