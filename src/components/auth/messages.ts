// NextAuth reports failures as codes (?error=… or signIn().error); users read Chinese.
const NEXTAUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "邮箱或密码错误",
  SessionRequired: "请先登录",
  AccessDenied: "没有访问权限",
  TooManyAttempts: "登录失败次数过多，请稍后再试",
  AccountDisabled: "账号已被停用，请联系运营人员",
};

export function nextAuthMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return NEXTAUTH_ERRORS[code] ?? "登录失败，请稍后重试";
}

/** The API's error.message, without the "param: " prefix that validation errors carry. */
export function apiMessage(body: unknown, fallback: string): string {
  const error = (body as { error?: { message?: unknown; param?: unknown } } | null)?.error;
  if (!error || typeof error.message !== "string") return fallback;
  const param = typeof error.param === "string" ? error.param : null;
  return param && error.message.startsWith(`${param}: `)
    ? error.message.slice(param.length + 2)
    : error.message;
}
