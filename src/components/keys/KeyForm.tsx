"use client";
import { useEffect, useId, useState } from "react";
import { ClientApiError } from "@/lib/client/http";
import type { ApiKeyView } from "@/lib/client/keys";
import { type CatalogModel, fetchModels } from "@/lib/client/models";
import { createKeySchema, PERIOD_LABEL } from "@/lib/keys/schemas";
import { PERIOD_KINDS, type PeriodKind } from "@/lib/time/periods";
import { buttonClass } from "@/components/ui/styles";

// One form for creating and editing a key: name, models (all, or a chosen list), credit limit
// with its reset, requests per minute, expiry. Checked with the server's own schema first.

export type KeyPayload = {
  name: string;
  allowedModels: string[];
  creditLimit: number | null;
  limitReset: PeriodKind;
  rpm: number | null;
  expiresAt: string | null;
};

const EXPIRY = [
  { id: "never", label: "永不过期", days: null },
  { id: "7", label: "7 天", days: 7 },
  { id: "30", label: "30 天", days: 30 },
  { id: "90", label: "90 天", days: 90 },
  { id: "date", label: "指定日期", days: null },
] as const;
type ExpiryChoice = (typeof EXPIRY)[number]["id"];

const input =
  "w-full rounded-lg border border-neutral-300 bg-white px-2.5 py-1.5 text-base sm:text-sm focus:border-black aria-[invalid=true]:border-black aria-[invalid=true]:border-dashed";

const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

export function KeyForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: ApiKeyView;
  submitLabel: string;
  onSubmit: (payload: KeyPayload) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [restrict, setRestrict] = useState((initial?.allowedModels.length ?? 0) > 0);
  const [models, setModels] = useState<string[]>(initial?.allowedModels ?? []);
  const [catalog, setCatalog] = useState<CatalogModel[] | null>(null);
  const [limit, setLimit] = useState(initial?.creditLimit?.toString() ?? "");
  const [reset, setReset] = useState<PeriodKind>(initial?.limitReset ?? "daily");
  const [rpm, setRpm] = useState(initial?.rpm?.toString() ?? "");
  const [expiry, setExpiry] = useState<ExpiryChoice>(initial?.expiresAt ? "date" : "never");
  const [date, setDate] = useState(initial?.expiresAt ? localDate(initial.expiresAt) : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    fetchModels().then(
      (items) => live && setCatalog(items),
      () => live && setCatalog([]),
    );
    return () => {
      live = false;
    };
  }, []);

  function expiresAt(): string | null {
    const choice = EXPIRY.find((e) => e.id === expiry)!;
    if (choice.days) return new Date(Date.now() + choice.days * 86_400_000).toISOString();
    if (expiry === "date" && date) return new Date(`${date}T23:59:59`).toISOString();
    return null;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const payload = {
      name: name.trim(),
      allowedModels: restrict ? models : [],
      creditLimit: limit.trim() === "" ? null : Number(limit),
      limitReset: reset,
      rpm: rpm.trim() === "" ? null : Number(rpm),
      expiresAt: expiresAt(),
    };
    const found: Record<string, string> = {};
    const parsed = createKeySchema.safeParse(payload);
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    if (restrict && !models.length) found.allowedModels = "请至少选择一个模型，或选择“全部模型”";
    if (expiry === "date" && !date) found.expiresAt = "请选择过期日期";
    if (payload.expiresAt && Date.parse(payload.expiresAt) <= Date.now())
      found.expiresAt = "过期时间必须晚于现在";
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit(payload);
    } catch (err) {
      setErrors({ form: err instanceof ClientApiError ? err.message : "保存失败，请稍后重试" });
      setBusy(false);
    }
  }

  const err = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-err`} className="text-xs font-medium text-black">
        ⚠ {errors[field]}
      </p>
    ) : null;
  const aria = (field: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-err` : undefined,
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-name`} className="text-xs font-medium text-neutral-700">
          名称
        </label>
        <input
          id={`${id}-name`}
          className={input}
          value={name}
          maxLength={50}
          placeholder="例如：Cursor、我的脚本"
          onChange={(e) => setName(e.target.value)}
          {...aria("name")}
        />
        {err("name")}
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-neutral-700">可用模型</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={!restrict} onChange={() => setRestrict(false)} />
            全部模型
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={restrict} onChange={() => setRestrict(true)} />
            指定模型
          </label>
        </div>
        {restrict && (
          <div
            className="max-h-44 overflow-y-auto rounded-lg border border-neutral-200 p-2"
            {...aria("allowedModels")}
          >
            {catalog === null ? (
              <p className="text-xs text-neutral-500">正在加载模型…</p>
            ) : catalog.length === 0 && models.length === 0 ? (
              <p className="text-xs text-neutral-500">暂无可用模型</p>
            ) : (
              [...new Set([...catalog.map((m) => m.slug), ...models])].map((slug) => (
                <label key={slug} className="flex items-center gap-2 py-1 text-sm">
                  <input
                    type="checkbox"
                    checked={models.includes(slug)}
                    onChange={(e) =>
                      setModels((list) =>
                        e.target.checked ? [...list, slug] : list.filter((m) => m !== slug),
                      )
                    }
                  />
                  <span className="font-mono text-xs">{slug}</span>
                  <span className="truncate text-xs text-neutral-500">
                    {catalog.find((m) => m.slug === slug)?.displayName}
                  </span>
                </label>
              ))
            )}
          </div>
        )}
        {err("allowedModels")}
      </fieldset>

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-limit`} className="text-xs font-medium text-neutral-700">
            积分额度（留空为不限）
          </label>
          <input
            id={`${id}-limit`}
            className={input}
            inputMode="numeric"
            value={limit}
            placeholder="不限"
            onChange={(e) => setLimit(e.target.value.replace(/[^\d]/g, ""))}
            {...aria("creditLimit")}
          />
          {err("creditLimit")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reset`} className="text-xs font-medium text-neutral-700">
            额度重置
          </label>
          <select
            id={`${id}-reset`}
            className={input}
            value={reset}
            onChange={(e) => setReset(e.target.value as PeriodKind)}
          >
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {PERIOD_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-rpm`} className="text-xs font-medium text-neutral-700">
            每分钟请求数（留空为不限）
          </label>
          <input
            id={`${id}-rpm`}
            className={input}
            inputMode="numeric"
            value={rpm}
            placeholder="不限"
            onChange={(e) => setRpm(e.target.value.replace(/[^\d]/g, ""))}
            {...aria("rpm")}
          />
          {err("rpm")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-expiry`} className="text-xs font-medium text-neutral-700">
            有效期
          </label>
          <select
            id={`${id}-expiry`}
            className={input}
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as ExpiryChoice)}
          >
            {EXPIRY.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
          {expiry === "date" && (
            <input
              type="date"
              aria-label="过期日期"
              className={input}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              {...aria("expiresAt")}
            />
          )}
          {err("expiresAt")}
        </div>
      </div>
      <p className="text-xs text-neutral-500">
        额度按预扣计算：一次调用需要的预扣超过剩余额度时会被拒绝，调用结束后按实际用量结算。
      </p>

      {errors.form && (
        <p role="alert" className="rounded-lg border border-black px-3 py-2 text-sm">
          {errors.form}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass("outline", "sm")} onClick={onCancel}>
          取消
        </button>
        <button type="submit" className={buttonClass("primary", "sm")} disabled={busy}>
          {busy ? "保存中…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
