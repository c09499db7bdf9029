/**
 * Signs in through NextAuth as the web page does (CSRF token, then the credentials callback) and
 * returns the session cookie ("name=value"), or null when the sign-in was refused.
 */
export async function webSession(
  url: string,
  email: string,
  password: string,
  ip?: string,
): Promise<string | null> {
  const forwarded: Record<string, string> = ip ? { "x-forwarded-for": ip } : {};
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: forwarded });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.headers.get("set-cookie")?.split(";")[0] ?? "",
      ...forwarded,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return (
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.includes("session-token")) ?? null
  );
}
