// The one deliberate exception to "only src/lib/env.ts reads process.env": NEXT_PUBLIC_* values
// are inlined into the client bundle at build time, and env.ts is server-only, so browser code
// cannot import it. Next replaces this exact expression with a string literal during the build
// (which is why it must stay a direct `process.env.NEXT_PUBLIC_…` member access).

/**
 * Where the /mobile shell sends its requests. Empty means "the origin that served the page";
 * the Capacitor build sets it to the remote AIGC Studio server (e.g. https://studio.example.com).
 */
export const API_BASE_URL: string = (process.env.NEXT_PUBLIC_API_BASE_URL ?? "")
  .trim()
  .replace(/\/+$/, "");
