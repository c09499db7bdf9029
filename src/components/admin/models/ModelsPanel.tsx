"use client";

import { useCallback, useMemo, useState } from "react";
import { adminApi, errorText, queryString } from "../api";
import { ConfirmDelete } from "../common/ConfirmDelete";
import { Modal } from "../common/Modal";
import { Empty, ErrorNote, Loading, Notice } from "../common/States";
import { btn } from "../common/styles";
import { useResource } from "../common/useResource";
import type { AiModel, ImportResult, Provider } from "../types";
import { BulkBar } from "./BulkBar";
import { ImportDialog } from "./ImportDialog";
import { ModelCards } from "./ModelCards";
import { ModelFilters, type Filters } from "./ModelFilters";
import { ModelForm } from "./ModelForm";
import { ModelTable } from "./ModelTable";
import { useDebounced } from "./useDebounced";

type Editing = { model: AiModel | null } | null;

export function ModelsPanel() {
  const [filters, setFilters] = useState<Filters>({
    q: "",
    providerId: "",
    capability: "",
    enabled: "",
  });
  const query = useDebounced(filters, 250);
  const loadProviders = useCallback(
    (signal: AbortSignal) => adminApi<{ items: Provider[] }>("/api/admin/ai/providers", { signal }),
    [],
  );
  const loadModels = useCallback(
    (signal: AbortSignal) =>
      adminApi<{ items: AiModel[] }>(
        `/api/admin/ai/models${queryString({ ...query, q: query.q.trim() })}`,
        { signal },
      ),
    [query],
  );
  const providers = useResource(loadProviders);
  const models = useResource(loadModels);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<AiModel | null>(null);
  const [importing, setImporting] = useState(false);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const providerList = useMemo(() => providers.data?.items ?? [], [providers.data]);
  const providerMap = useMemo(() => new Map(providerList.map((p) => [p.id, p])), [providerList]);
  const items = models.data?.items ?? [];
  const visibleSelected = new Set(items.filter((m) => selected.has(m.id)).map((m) => m.id));
  const filtering = Object.values(query).some(Boolean);

  function select(ids: string[], on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  }

  async function bulk(enabled: boolean) {
    const ids = [...visibleSelected];
    setBulkBusy(true);
    setActionError(null);
    try {
      await adminApi("/api/admin/ai/models/bulk", { body: { ids, enabled } });
      setNotice(`已${enabled ? "启用" : "停用"} ${ids.length} 个模型`);
      setSelected(new Set());
      models.reload();
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBulkBusy(false);
    }
  }

  function saved(item: AiModel) {
    setNotice(editing?.model ? `已保存 ${item.slug}` : `已创建 ${item.slug}`);
    setEditing(null);
    models.reload();
  }

  async function remove(m: AiModel) {
    await adminApi(`/api/admin/ai/models/${m.id}`, { method: "DELETE" });
    setNotice(`已删除 ${m.slug}`);
    select([m.id], false);
    models.mutate(({ items }) => ({ items: items.filter((x) => x.id !== m.id) }));
  }

  function imported(r: ImportResult) {
    setNotice(`导入完成：新增 ${r.imported}，更新 ${r.updated}，跳过 ${r.skipped}`);
    models.reload();
  }

  const noProviders = providers.data !== null && providerList.length === 0;
  return (
    <section aria-labelledby="models-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="models-heading" className="text-base font-semibold">
            模型
          </h2>
          <p className="text-xs text-neutral-500">
            只有已启用的模型（且其服务商已启用）会出现在 /v1/models。
          </p>
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className={btn.secondary}
            onClick={() => setImporting(true)}
            disabled={providerList.length === 0}
          >
            导入模型
          </button>
          <button
            type="button"
            className={btn.primary}
            onClick={() => setEditing({ model: null })}
            disabled={providerList.length === 0}
          >
            ＋ 添加模型
          </button>
        </div>
      </div>
      <ModelFilters value={filters} onChange={setFilters} providers={providerList} />
      <BulkBar
        count={visibleSelected.size}
        busy={bulkBusy}
        onEnable={() => bulk(true)}
        onDisable={() => bulk(false)}
        onClear={() => setSelected(new Set())}
      />
      <Notice message={notice} />
      {providers.error && <ErrorNote message={providers.error} onRetry={providers.reload} />}
      {models.error && <ErrorNote message={models.error} onRetry={models.reload} />}
      {actionError && <ErrorNote message={actionError} />}
      {models.loading && !models.data ? (
        <Loading />
      ) : models.data && items.length === 0 ? (
        filtering ? (
          <Empty title="没有符合条件的模型" hint="换个关键词或清除筛选条件再试。" />
        ) : (
          <Empty
            title="还没有模型"
            hint={
              noProviders
                ? "请先在“服务商”中添加服务商，再导入模型。"
                : "从服务商导入模型列表，或手动添加一个。"
            }
          />
        )
      ) : models.data ? (
        <div
          aria-busy={models.loading}
          className={models.loading ? "opacity-60 transition-opacity" : undefined}
        >
          <ModelCards
            items={items}
            providers={providerMap}
            selected={visibleSelected}
            onSelect={select}
            onEdit={(model) => setEditing({ model })}
            onDelete={setDeleting}
          />
          <ModelTable
            items={items}
            providers={providerMap}
            selected={visibleSelected}
            onSelect={select}
            onEdit={(model) => setEditing({ model })}
            onDelete={setDeleting}
          />
        </div>
      ) : null}

      <Modal
        open={editing !== null}
        title={editing?.model ? `编辑模型 · ${editing.model.slug}` : "添加模型"}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <ModelForm
            key={editing.model?.id ?? "new"}
            model={editing.model}
            providers={providerList}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      {importing && (
        <ImportDialog
          providers={providerList}
          onClose={() => setImporting(false)}
          onImported={imported}
        />
      )}
      {deleting && (
        <ConfirmDelete
          what="模型"
          slug={deleting.slug}
          consequence="调用方将无法再使用这个模型。"
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
