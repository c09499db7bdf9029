import { operationLabel } from "@/lib/operations/registry";

// How ledger rows read to a user. Unknown reasons show as stored.

const REASONS: Record<string, string> = {
  signup_bonus: "注册奖励",
  admin_grant: "管理员调整",
};

/** Ledger reasons are either account events or the id of the operation that was billed. */
export const reasonLabel = (reason: string) => REASONS[reason] ?? operationLabel(reason);

export const STATUS_LABEL: Record<string, string> = {
  pending: "处理中",
  success: "成功",
  failed: "已退回",
};

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
