"use client";
import { useCallback, useState } from "react";
import { QUOTA_OPERATIONS } from "@/lib/quotas/units";
import { DEFAULT_PLAN, PLAN_NAME, type Settings } from "@/lib/settings/schema";
import { adminApi, errorText } from "../api";
import { Field } from "../common/Field";
import { ErrorNote, Loading, Notice } from "../common/States";
import { btn, input } from "../common/styles";
import { useResource } from "../common/useResource";
import { PlansEditor, type PlanDraft } from "./PlansEditor";

type SettingsView = Settings & { effectiveSignupBonus: number; timezone: string };

const toDraft = (plans: Settings["quotaPlans"]): PlanDraft[] =>
  Object.entries(plans).map(([name, table]) => ({
    name,
    limits: Object.fromEntries(
      QUOTA_OPERATIONS.map((op) => [op.id, table[op.id] == null ? "" : String(table[op.id])]),
    ),
  }));

/** 设置: stored in the database, live on every instance at once, every save audited. */
export function SettingsPanel() {
  const load = useCallback(
    (signal: AbortSignal) => adminApi<{ item: SettingsView }>("/api/admin/settings", { signal }),
    [],
  );
  const { data, error, reload } = useResource(load);
  if (error && !data) return <ErrorNote message={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return <SettingsForm key={JSON.stringify(data.item)} initial={data.item} />;
}

function SettingsForm({ initial }: { initial: SettingsView }) {
  const [bonus, setBonus] = useState(
    initial.signupBonus === null ? "" : String(initial.signupBonus),
  );
  const [contact, setContact] = useState(initial.operatorContact);
  const [announcement, setAnnouncement] = useState(initial.announcement);
  const [plans, setPlans] = useState(() => toDraft(initial.quotaPlans));
  const [saved, setSaved] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function build(): Partial<Settings> | string {
    const signupBonus = bonus.trim() === "" ? null : Number(bonus);
    if (signupBonus !== null && (!Number.isInteger(signupBonus) || signupBonus < 0))
      return "注册赠送必须是非负整数，留空表示使用环境变量默认值";
    const quotaPlans: Settings["quotaPlans"] = {};
    for (const p of plans) {
      if (!PLAN_NAME.test(p.name)) return `方案名「${p.name}」只能用小写字母、数字、- 和 _`;
      if (p.name in quotaPlans) return `方案名「${p.name}」重复`;
      const table: Record<string, number | null> = {};
      for (const op of QUOTA_OPERATIONS) {
        const raw = p.limits[op.id]?.trim() ?? "";
        if (raw === "") continue;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0)
          return `方案「${p.name}」的「${op.label}」必须是非负整数`;
        table[op.id] = n;
      }
      quotaPlans[p.name] = table;
    }
    if (!(DEFAULT_PLAN in quotaPlans)) return "必须保留 default 方案";
    return {
      signupBonus,
      operatorContact: contact.trim(),
      announcement: announcement.trim(),
      quotaPlans,
    };
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = build();
    if (typeof body === "string") return setError(body);
    setBusy(true);
    setError(null);
    try {
      const res = await adminApi<{ item: SettingsView }>("/api/admin/settings", {
        method: "PATCH",
        body,
      });
      setSaved(res.item);
      setNotice("已保存，所有实例立即生效（已记入审计日志）");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-6">
      <section
        aria-labelledby="set-general"
        className="flex flex-col gap-3 rounded-xl border border-neutral-200 p-4"
      >
        <h2 id="set-general" className="text-base font-semibold">
          基本设置
        </h2>
        <Field
          label="注册赠送积分"
          hint={`留空使用环境变量 SIGNUP_CREDITS；当前新用户获得 ${saved.effectiveSignupBonus} 积分`}
        >
          <input
            className={`${input} max-w-40`}
            inputMode="numeric"
            value={bonus}
            onChange={(e) => setBonus(e.target.value.replace(/[^\d]/g, ""))}
          />
        </Field>
        <Field
          label="运营联系方式"
          hint="积分不足时展示给用户，例如：微信 aigc-ops / support@example.com"
        >
          <input
            className={input}
            value={contact}
            maxLength={200}
            onChange={(e) => setContact(e.target.value)}
          />
        </Field>
        <Field label="站点公告" hint="显示在全站顶部；留空则不显示">
          <textarea
            className={`${input} min-h-20`}
            value={announcement}
            maxLength={500}
            onChange={(e) => setAnnouncement(e.target.value)}
          />
        </Field>
      </section>
      <section
        aria-labelledby="set-quotas"
        className="flex flex-col gap-3 rounded-xl border border-neutral-200 p-4"
      >
        <h2 id="set-quotas" className="text-base font-semibold">
          每日配额
        </h2>
        <p className="text-xs text-neutral-500">
          每天 00:00（{saved.timezone}）重置。留空表示不限。default
          方案适用于所有未指定方案的用户；单个用户可在「用户」中单独调整。
        </p>
        <PlansEditor plans={plans} onChange={setPlans} />
      </section>
      {error && <ErrorNote message={error} />}
      <Notice message={notice} />
      <button type="submit" className={`${btn.primary} self-start`} disabled={busy}>
        {busy ? "保存中…" : "保存设置"}
      </button>
    </form>
  );
}
