// Turns an audit row's diff (the JSON the ai library records) into a short readable line.
// Shapes written today: {after} on create, {before} on delete, {before, after} of the changed
// fields on update (plus apiKey: "[redacted]"|"removed"), and flat objects for import/bulk/seed.

const MAX = 180;
// Identifiers first; ids and timestamps are noise next to the target column.
const FIRST = ["slug", "name", "displayName"];
const SKIP = new Set(["id", "providerId", "createdAt", "updatedAt"]);

function short(v: unknown): string {
  if (v === null || v === undefined) return "空";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 48 ? `${s.slice(0, 48)}…` : s;
}

function asObject(v: unknown): Record<string, unknown> | null {
  if (typeof v === "string") {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return null;
    }
  }
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** A whole object (created or deleted): its identifiers, then how many other fields it had. */
function snapshot(obj: Record<string, unknown>, verb: string): string {
  const ids = FIRST.filter((k) => obj[k] !== undefined).map((k) => `${k}: ${short(obj[k])}`);
  const others = Object.keys(obj).filter((k) => !FIRST.includes(k) && !SKIP.has(k)).length;
  return [verb, ...ids].join(" ") + (others ? `（另 ${others} 个字段）` : "");
}

function clip(line: string): string {
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
}

export function diffSummary(diff: unknown): string {
  const obj = asObject(diff);
  if (!obj) return typeof diff === "string" && diff ? short(diff) : "—";
  const before = asObject(obj.before);
  const after = asObject(obj.after);
  const rest = Object.entries(obj).filter(([k]) => k !== "before" && k !== "after");
  const extra = rest.map(([k, v]) => `${k}: ${short(v)}`);
  if (before && after) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => !SKIP.has(k),
    );
    const changed = keys
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${k}: ${short(before[k])} → ${short(after[k])}`);
    const parts = [...changed, ...extra];
    return parts.length ? clip(parts.join("；")) : "无变更";
  }
  if (after) return clip([snapshot(after, "新建"), ...extra].join("；"));
  if (before) return clip([snapshot(before, "删除"), ...extra].join("；"));
  return extra.length ? clip(extra.join("；")) : "无变更";
}

const ACTION_LABEL: Record<string, string> = {
  "provider.create": "创建服务商",
  "provider.update": "修改服务商",
  "provider.delete": "删除服务商",
  "provider.seed_mock": "初始化内置模拟服务商",
  "provider.rotate_keys": "轮换密钥加密",
  "model.create": "创建模型",
  "model.update": "修改模型",
  "model.delete": "删除模型",
  "model.import": "导入模型",
  "model.bulk_enable": "批量启用模型",
  "model.bulk_disable": "批量停用模型",
};

const TARGET_LABEL: Record<string, string> = { provider: "服务商", ai_model: "模型" };

/** Chinese names for known actions; an action added later is shown as recorded. */
export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

export function targetLabel(targetType: string): string {
  return TARGET_LABEL[targetType] ?? targetType;
}
