import { requestJson } from "./http";

// The signed-in user's own account from the browser or the shell: today's quotas, password,
// sign out everywhere, and the operator's public settings.

export type QuotaItem = {
  operation: string;
  label: string;
  unit: string;
  limit: number | null;
  used: number;
  remaining: number | null;
};
export type QuotaStatus = { timezone: string; resetsAt: string; items: QuotaItem[] };
export type PublicSettings = { announcement: string; operatorContact: string };

export const fetchQuotas = () => requestJson<QuotaStatus>("/api/me/quotas", { cache: "no-store" });

export const fetchPublicSettings = () =>
  requestJson<PublicSettings>("/api/settings/public", { cache: "no-store" });

const post = <T>(path: string, body: unknown) =>
  requestJson<T>(path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
    cache: "no-store",
  });

export const changePassword = (currentPassword: string, newPassword: string) =>
  post<{ token: string; expiresAt: string; keysRevoked: number }>("/api/account/password", {
    currentPassword,
    newPassword,
  });

export const signOutEverywhere = () =>
  post<{ ok: true; keysRevoked: number }>("/api/account/sign-out-everywhere", {});

/** "今日剩余：图片 12 / 20" pieces: only the operations that have a limit. */
export function limitedQuotas(status: QuotaStatus | null): QuotaItem[] {
  return status?.items.filter((i) => i.limit !== null) ?? [];
}
