"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { limitText, modelsText } from "@/components/keys/format";
import { KEY_STATUS_LABEL } from "@/lib/keys/schemas";
import { adminApi } from "../api";
import { Modal } from "../common/Modal";
import { ErrorNote, Loading, Notice } from "../common/States";
import { btn, formatTime } from "../common/styles";
import { useResource } from "../common/useResource";
import { DisableDialog, RoleDialog } from "./AccountDialogs";
import { GrantDialog } from "./GrantDialog";
import { QuotaEditor } from "./QuotaEditor";
import type { AdminUserDetail } from "./types";
import { UserLedger, UserUsage } from "./UserActivity";

type Dialog = "grant" | "disable" | "role" | null;

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="flex flex-col gap-3 rounded-xl border border-neutral-200 p-4"
    >
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Stat({
  label,
  value,
  testId,
}: {
  label: string;
  value: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-neutral-200 px-3 py-2">
      <p className="text-xs text-neutral-500">{label}</p>
      <p className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

/**
 * One user: balance and 30-day use, grant/deduct, disable/enable, role, plan and quota overrides,
 * keys, ledger and calls. (Their async tasks join these sections with the task engine.)
 */
export function UserDetailPanel({ userId }: { userId: string }) {
  const load = useCallback(
    (signal: AbortSignal) =>
      adminApi<{ item: AdminUserDetail }>(`/api/admin/users/${userId}`, { signal }),
    [userId],
  );
  const { data, error, reload, mutate } = useResource(load);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after a grant so the ledger shows the new row.
  const [ledgerVersion, setLedgerVersion] = useState(0);

  if (error && !data) return <ErrorNote message={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const u = data.item;
  const updated = (item: AdminUserDetail, message: string) => {
    mutate(() => ({ item }));
    setDialog(null);
    setNotice(message);
  };

  return (
    <div className="flex flex-col gap-4">
      <Link
        href="/admin/users"
        className="text-sm text-neutral-600 underline-offset-2 hover:underline"
      >
        ← 返回用户列表
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold break-all">{u.email}</h1>
          <p className="text-sm text-neutral-600">
            {u.name} · {u.role === "admin" ? "管理员" : "用户"} · 注册于 {formatTime(u.createdAt)}
          </p>
          <p className="mt-1 text-sm" data-testid="user-status">
            {u.disabledAt ? `已停用（${formatTime(u.disabledAt)}）` : "状态正常"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={btn.primary} onClick={() => setDialog("grant")}>
            调整积分
          </button>
          <button type="button" className={btn.secondary} onClick={() => setDialog("role")}>
            {u.role === "admin" ? "取消管理员" : "设为管理员"}
          </button>
          <button
            type="button"
            className={u.disabledAt ? btn.secondary : btn.danger}
            onClick={() => setDialog("disable")}
          >
            {u.disabledAt ? "启用账号" : "停用账号"}
          </button>
        </div>
      </header>
      <Notice message={notice} />

      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label="积分余额" value={u.credits.toLocaleString("zh-CN")} testId="user-credits" />
        <Stat label="近 30 天调用" value={u.usage30d.calls} />
        <Stat label="近 30 天消耗积分" value={u.usage30d.credits} />
        <Stat label="近 30 天失败" value={u.usage30d.errors} />
      </div>

      <Section id="sec-quota" title="配额">
        <QuotaEditor
          key={`${u.plan}:${JSON.stringify(u.quotaOverrides)}`}
          user={u}
          onSaved={updated}
        />
      </Section>

      <Section id="sec-keys" title={`API 密钥（${u.keys.length}）`}>
        {u.keys.length === 0 ? (
          <p className="text-sm text-neutral-500">没有 API 密钥。</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {u.keys.map((k) => (
              <li
                key={k.id}
                className="flex flex-col gap-0.5 rounded-lg border border-neutral-200 px-3 py-2 text-sm"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {k.name} <span className="font-mono text-xs text-neutral-500">{k.display}</span>
                  </span>
                  <span className="text-xs">{KEY_STATUS_LABEL[k.status]}</span>
                </div>
                <p className="text-xs text-neutral-600">
                  {modelsText(k)} · {limitText(k)} · 最近使用{" "}
                  {k.lastUsedAt ? `${formatTime(k.lastUsedAt)}（${k.lastUsedIp ?? "?"}）` : "无"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="sec-ledger" title="积分明细">
        <UserLedger userId={u.id} version={ledgerVersion} />
      </Section>
      <Section id="sec-usage" title="调用记录">
        <UserUsage userId={u.id} />
      </Section>

      <Modal open={dialog === "grant"} title="调整积分" onClose={() => setDialog(null)}>
        {dialog === "grant" && (
          <GrantDialog
            user={u}
            onCancel={() => setDialog(null)}
            onDone={(credits, delta) => {
              mutate(({ item }) => ({ item: { ...item, credits } }));
              setLedgerVersion((v) => v + 1);
              setDialog(null);
              setNotice(
                delta > 0
                  ? `已增加 ${delta} 积分，余额 ${credits}`
                  : `已扣除 ${-delta} 积分，余额 ${credits}`,
              );
            }}
          />
        )}
      </Modal>
      <Modal
        open={dialog === "disable"}
        title={u.disabledAt ? "启用账号" : "停用账号"}
        onClose={() => setDialog(null)}
      >
        {dialog === "disable" && (
          <DisableDialog user={u} onDone={updated} onCancel={() => setDialog(null)} />
        )}
      </Modal>
      <Modal open={dialog === "role"} title="修改角色" onClose={() => setDialog(null)}>
        {dialog === "role" && (
          <RoleDialog user={u} onDone={updated} onCancel={() => setDialog(null)} />
        )}
      </Modal>
    </div>
  );
}
