import type { TaskView } from "@/lib/client/tasks";

// Words and numbers of a generation card, kept pure so they are easy to read and test.

export function elapsedLabel(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return m ? `${m} 分 ${String(s % 60).padStart(2, "0")} 秒` : `${s} 秒`;
}

/** "排队中 · 3 秒", "生成中 45% · 12 秒", "已完成", "失败：…" */
export function statusLabel(task: TaskView, now: number): string {
  const since = Date.parse(task.startedAt ?? task.createdAt);
  const elapsed = elapsedLabel(now - since);
  switch (task.status) {
    case "queued":
      return `排队中 · 已等待 ${elapsedLabel(now - Date.parse(task.createdAt))}`;
    case "in_progress":
      return `生成中 ${task.progress}% · 已用时 ${elapsed}`;
    case "completed": {
      const took =
        task.finishedAt && task.startedAt
          ? ` · 用时 ${elapsedLabel(Date.parse(task.finishedAt) - Date.parse(task.startedAt))}`
          : "";
      return `已完成${took}`;
    }
    case "cancelled":
      return "已取消，积分已退还";
    default:
      return `失败：${task.error?.message ?? "生成失败"}（积分已退还）`;
  }
}

export function whenLabel(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Tags typed as "风景, 雪山 夜景" → ["风景","雪山","夜景"] (commas, 、 or spaces). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ].slice(0, 10);
}

/** A title from the prompt's first clause, at most 40 characters. */
export function defaultTitle(prompt: string): string {
  const first =
    prompt
      .trim()
      .split(/[\n。！？.!?，,；;]/)[0]
      ?.trim() || prompt.trim();
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}

/** Human-readable parameters: "1024 × 1024 · 高清", "8 秒 · 1280 × 720". */
export function paramsLabel(params: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof params.seconds === "number" || typeof params.seconds === "string")
    parts.push(`${params.seconds} 秒`);
  if (typeof params.size === "string") parts.push(params.size.replace("x", " × "));
  if (params.quality === "hd") parts.push("高清");
  if (typeof params.n === "number" && params.n > 1) parts.push(`${params.n} 张`);
  return parts.join(" · ");
}
