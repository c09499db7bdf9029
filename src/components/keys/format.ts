import type { ApiKeyView } from "@/lib/client/keys";
import { PERIOD_LABEL } from "@/lib/keys/schemas";

// Display helpers for personal keys: times in the reader's locale, the limit as a sentence.

export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function limitText(key: ApiKeyView): string {
  if (key.creditLimit === null)
    return key.spent > 0
      ? `不限额（${key.limitReset === "none" ? "累计" : "本期"}已用 ${key.spent} 积分）`
      : "不限额";
  const period = key.limitReset === "none" ? "总额" : PERIOD_LABEL[key.limitReset];
  const reset = key.resetsAt ? `，${formatDateTime(key.resetsAt)} 重置` : "";
  return `${period} ${key.spent} / ${key.creditLimit} 积分${reset}`;
}

export function modelsText(key: ApiKeyView): string {
  return key.allowedModels.length ? key.allowedModels.join("、") : "全部模型";
}
