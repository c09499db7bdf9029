// Turns an audit row's diff (whatever JSON the service stored) into a short readable line.

const MAX = 160;

function short(v: unknown): string {
  if (v === null || v === undefined) return "空";
  if (typeof v === "string") return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function asObject(v: unknown): Record<string, unknown> | null {
  if (typeof v === "string") {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return null;
    }
  }
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function diffSummary(diff: unknown): string {
  const obj = asObject(diff);
  if (!obj) return typeof diff === "string" && diff ? short(diff) : "—";
  const before = asObject(obj.before);
  const after = asObject(obj.after);
  let parts: string[];
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    parts = keys
      .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]))
      .map((k) => (before && after ? `${k}: ${short(before[k])} → ${short(after[k])}` : `${k}: ${short((after ?? before)![k])}`));
  } else {
    parts = Object.entries(obj).map(([k, v]) => `${k}: ${short(v)}`);
  }
  if (parts.length === 0) return "无变更";
  const line = parts.join("；");
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
}

const VERB: Record<string, string> = { create: "创建", update: "修改", delete: "删除", import: "导入", bulk: "批量修改", test: "测试" };
const TARGET: Record<string, string> = { provider: "服务商", model: "模型", models: "模型", ai_model: "模型", user: "用户", credits: "积分" };

/** "provider.update" → "修改服务商"; unknown actions are shown as they are. */
export function actionLabel(action: string): string {
  const [target, verb] = action.split(/[._:]/);
  return VERB[verb] && TARGET[target] ? `${VERB[verb]}${TARGET[target]}` : action;
}
