"use client";

import { useCallback, useState } from "react";
import { adminApi } from "../api";
import { ConfirmDelete } from "../common/ConfirmDelete";
import { Modal } from "../common/Modal";
import { Empty, ErrorNote, Loading, Notice } from "../common/States";
import { btn } from "../common/styles";
import { useResource } from "../common/useResource";
import type { Provider } from "../types";
import { ProviderCards } from "./ProviderCards";
import { ProviderForm } from "./ProviderForm";
import { ProviderTable } from "./ProviderTable";

type Editing = { mode: "create" } | { mode: "edit"; provider: Provider } | null;

export function ProvidersPanel() {
  const load = useCallback(
    (signal: AbortSignal) => adminApi<{ items: Provider[] }>("/api/admin/ai/providers", { signal }),
    [],
  );
  const { data, error, loading, reload, mutate } = useResource(load);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function saved(item: Provider) {
    mutate(({ items }) => ({
      items: items.some((p) => p.id === item.id)
        ? items.map((p) => (p.id === item.id ? item : p))
        : [...items, item],
    }));
    setNotice(editing?.mode === "edit" ? `已保存 ${item.name}` : `已创建 ${item.name}`);
    setEditing(null);
  }

  async function remove(p: Provider) {
    await adminApi(`/api/admin/ai/providers/${p.id}`, { method: "DELETE" });
    mutate(({ items }) => ({ items: items.filter((x) => x.id !== p.id) }));
    setNotice(`已删除 ${p.name}`);
  }

  const items = data?.items ?? [];
  return (
    <section aria-labelledby="providers-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="providers-heading" className="text-base font-semibold">
            服务商
          </h2>
          <p className="text-xs text-neutral-500">
            任意 OpenAI 兼容服务：配置 Base URL 与密钥后即可导入模型。
          </p>
        </div>
        <button
          type="button"
          className={btn.primary}
          onClick={() => setEditing({ mode: "create" })}
        >
          ＋ 添加服务商
        </button>
      </div>
      <Notice message={notice} />
      {error && <ErrorNote message={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : data && items.length === 0 ? (
        <Empty
          title="还没有服务商"
          hint="添加一个 OpenAI 兼容的服务商，然后在“模型”中导入它的模型。"
        />
      ) : data ? (
        <>
          <ProviderCards
            items={items}
            onEdit={(provider) => setEditing({ mode: "edit", provider })}
            onDelete={setDeleting}
          />
          <ProviderTable
            items={items}
            onEdit={(provider) => setEditing({ mode: "edit", provider })}
            onDelete={setDeleting}
          />
        </>
      ) : null}

      <Modal
        open={editing !== null}
        title={editing?.mode === "edit" ? `编辑服务商 · ${editing.provider.name}` : "添加服务商"}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <ProviderForm
            key={editing.mode === "edit" ? editing.provider.id : "new"}
            provider={editing.mode === "edit" ? editing.provider : null}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      {deleting && (
        <ConfirmDelete
          what="服务商"
          slug={deleting.slug}
          consequence="它名下的所有模型将一并删除。"
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
