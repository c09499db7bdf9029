"use client";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { Modal } from "@/components/admin/common/Modal";
import { buttonClass } from "@/components/ui/styles";
import { ClientApiError } from "@/lib/client/http";
import { type ApiKeyView, createKey, fetchKeys, revokeKey, updateKey } from "@/lib/client/keys";
import { KeyCard } from "./KeyCard";
import { KeyForm, type KeyPayload } from "./KeyForm";
import { KeyReveal } from "./KeyReveal";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; item: ApiKeyView }
  | { kind: "revoke"; item: ApiKeyView }
  | { kind: "reveal"; name: string; secret: string }
  | null;

const noop = () => () => {};
/** The page's origin in the browser ("" while rendering on the server, which cannot know it). */
const useOrigin = () =>
  useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => "",
  );

const message = (err: unknown) =>
  err instanceof ClientApiError ? err.message : "网络连接失败，请检查网络后重试";

/**
 * Personal API keys: list, create (shown once), edit limits, disable, revoke. The same component
 * serves /me/keys and the /mobile shell; it talks through the shared client transport.
 */
export function KeysManager({ apiOrigin }: { apiOrigin: string | null }) {
  const origin = useOrigin();
  const baseUrl = `${(apiOrigin ?? origin).replace(/\/+$/, "")}/v1`;
  const [items, setItems] = useState<ApiKeyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchKeys().then(
      (list) => {
        setItems(list);
        setError(null);
      },
      (err) => setError(message(err)),
    );
  }, []);
  useEffect(load, [load]);

  // A dialog closing (Esc, ×, or because the next one opens) ends only itself: creating a key
  // closes the form as the one-time reveal opens, and must not close the reveal with it.
  const closeIf = (...kinds: NonNullable<Dialog>["kind"][]) =>
    setDialog((d) => (d && kinds.includes(d.kind) ? null : d));

  const replace = (item: ApiKeyView) =>
    setItems((list) => list?.map((k) => (k.id === item.id ? item : k)) ?? [item]);

  async function create(payload: KeyPayload) {
    const { item, key } = await createKey(payload);
    setItems((list) => [item, ...(list ?? [])]);
    setDialog({ kind: "reveal", name: item.name, secret: key });
  }

  async function edit(item: ApiKeyView, payload: KeyPayload) {
    replace(await updateKey(item.id, payload));
    setDialog(null);
    setNotice(`已保存「${payload.name}」`);
  }

  async function toggle(item: ApiKeyView) {
    setBusyId(item.id);
    try {
      replace(await updateKey(item.id, { enabled: !item.enabled }));
      setNotice(item.enabled ? `已停用「${item.name}」` : `已启用「${item.name}」`);
    } catch (err) {
      setNotice(message(err));
    } finally {
      setBusyId(null);
    }
  }

  const live = items?.filter((k) => k.status !== "revoked") ?? [];
  const revoked = items?.filter((k) => k.status === "revoked") ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-xl text-sm text-neutral-600">
          把密钥填进 Cursor、LobeChat、Cherry Studio 或脚本的 OpenAI
          兼容设置即可调用，费用从你的积分扣除。 Base URL：
          <code className="font-mono text-xs break-all">{baseUrl}</code>
        </p>
        <button
          type="button"
          className={buttonClass("primary", "sm")}
          onClick={() => setDialog({ kind: "create" })}
        >
          新建密钥
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-neutral-600">
        {notice}
      </p>

      {error ? (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-black px-3 py-2 text-sm"
        >
          <span>密钥列表加载失败：{error}</span>
          <button type="button" className={buttonClass("outline", "sm")} onClick={load}>
            重试
          </button>
        </div>
      ) : items === null ? (
        <p role="status" className="py-8 text-center text-sm text-neutral-500">
          加载中…
        </p>
      ) : live.length === 0 && revoked.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-neutral-300 px-4 py-10 text-center">
          <p className="text-sm font-medium">还没有 API 密钥</p>
          <p className="max-w-sm text-xs text-neutral-500">
            新建一个密钥，可以限定模型、每日额度和有效期；不用时随时撤销。
          </p>
        </div>
      ) : (
        <>
          <ul className="flex flex-col gap-3" aria-label="API 密钥">
            {live.map((k) => (
              <KeyCard
                key={k.id}
                item={k}
                busy={busyId === k.id}
                onEdit={() => setDialog({ kind: "edit", item: k })}
                onToggle={() => void toggle(k)}
                onRevoke={() => setDialog({ kind: "revoke", item: k })}
              />
            ))}
          </ul>
          {revoked.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-neutral-600">
                已撤销的密钥（{revoked.length}）
              </summary>
              <ul className="mt-3 flex flex-col gap-3" aria-label="已撤销的密钥">
                {revoked.map((k) => (
                  <KeyCard
                    key={k.id}
                    item={k}
                    busy
                    onEdit={() => {}}
                    onToggle={() => {}}
                    onRevoke={() => {}}
                  />
                ))}
              </ul>
            </details>
          )}
        </>
      )}

      <Modal
        open={dialog?.kind === "create" || dialog?.kind === "edit"}
        title={dialog?.kind === "edit" ? "编辑密钥" : "新建 API 密钥"}
        onClose={() => closeIf("create", "edit")}
      >
        {dialog?.kind === "create" && (
          <KeyForm submitLabel="创建" onSubmit={create} onCancel={() => setDialog(null)} />
        )}
        {dialog?.kind === "edit" && (
          <KeyForm
            initial={dialog.item}
            submitLabel="保存"
            onSubmit={(p) => edit(dialog.item, p)}
            onCancel={() => setDialog(null)}
          />
        )}
      </Modal>
      <Modal
        open={dialog?.kind === "reveal"}
        title="保存你的 API 密钥"
        onClose={() => closeIf("reveal")}
      >
        {dialog?.kind === "reveal" && (
          <KeyReveal
            name={dialog.name}
            secret={dialog.secret}
            baseUrl={baseUrl}
            onDone={() => setDialog(null)}
          />
        )}
      </Modal>
      <Modal open={dialog?.kind === "revoke"} title="撤销密钥" onClose={() => closeIf("revoke")}>
        {dialog?.kind === "revoke" && (
          <RevokeConfirm
            item={dialog.item}
            onCancel={() => setDialog(null)}
            onConfirm={async () => {
              replace(await revokeKey(dialog.item.id));
              setDialog(null);
              setNotice(`已撤销「${dialog.item.name}」`);
            }}
          />
        )}
      </Modal>
    </div>
  );
}

function RevokeConfirm({
  item,
  onConfirm,
  onCancel,
}: {
  item: ApiKeyView;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        撤销密钥「{item.name}」（<code className="font-mono">{item.display}</code>
        ）后，使用它的工具会立即无法调用。撤销无法恢复。
      </p>
      {error && (
        <p role="alert" className="rounded-lg border border-black px-3 py-2 text-sm">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass("outline", "sm")} onClick={onCancel}>
          取消
        </button>
        <button
          type="button"
          className={`${buttonClass("outline", "sm")} border-black hover:bg-black hover:text-white`}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } catch (err) {
              setError(message(err));
              setBusy(false);
            }
          }}
        >
          {busy ? "撤销中…" : "确认撤销"}
        </button>
      </div>
    </div>
  );
}
