"use client";

import { useCallback, useState } from "react";
import type { WorkflowView } from "@/lib/workflows/schema";
import { STEP_KIND_LABEL } from "@/lib/workflows/schema";
import { adminApi, errorText } from "../api";
import { ConfirmDelete } from "../common/ConfirmDelete";
import { Modal } from "../common/Modal";
import { Empty, ErrorNote, Loading, Notice } from "../common/States";
import { btn } from "../common/styles";
import { useResource } from "../common/useResource";
import { WorkflowForm } from "./WorkflowForm";

type Editing = { mode: "create" } | { mode: "edit"; workflow: WorkflowView } | null;

/** /admin/ai → 工作流: the one-click workflows users see in 图片工具; presets included. */
export function WorkflowsPanel() {
  const load = useCallback(
    (signal: AbortSignal) =>
      adminApi<{ items: WorkflowView[] }>("/api/admin/workflows", { signal }),
    [],
  );
  const { data, error, loading, reload, mutate } = useResource(load);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<WorkflowView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function saved(item: WorkflowView) {
    mutate(({ items }) => ({
      items: items.some((w) => w.id === item.id)
        ? items.map((w) => (w.id === item.id ? item : w))
        : [...items, item],
    }));
    setNotice(editing?.mode === "edit" ? `已保存 ${item.name}` : `已创建 ${item.name}`);
    setEditing(null);
  }

  async function toggle(w: WorkflowView) {
    try {
      const { item } = await adminApi<{ item: WorkflowView }>(`/api/admin/workflows/${w.id}`, {
        method: "PATCH",
        body: { enabled: !w.enabled },
      });
      mutate(({ items }) => ({ items: items.map((x) => (x.id === item.id ? item : x)) }));
      setNotice(`${item.name} 已${item.enabled ? "启用" : "停用"}`);
    } catch (err) {
      setNotice(errorText(err));
    }
  }

  async function remove(w: WorkflowView) {
    await adminApi(`/api/admin/workflows/${w.id}`, { method: "DELETE" });
    mutate(({ items }) => ({ items: items.filter((x) => x.id !== w.id) }));
    setNotice(`已删除 ${w.name}`);
  }

  const items = data?.items ?? [];
  return (
    <section aria-labelledby="workflows-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="workflows-heading" className="text-base font-semibold">
            工作流
          </h2>
          <p className="text-xs text-neutral-500">
            用户在「图片工具」里一键运行的步骤组合；每一步单独预扣、结算。
          </p>
        </div>
        <button
          type="button"
          className={btn.primary}
          onClick={() => setEditing({ mode: "create" })}
        >
          ＋ 新建工作流
        </button>
      </div>
      <Notice message={notice} />
      {error && <ErrorNote message={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : data && !items.length ? (
        <Empty title="还没有工作流" hint="新建一个，把放大、扩图、背景等步骤串起来。" />
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((w) => (
            <li
              key={w.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-neutral-200 px-3 py-2"
            >
              <div className="min-w-0">
                <p className="text-sm font-medium">
                  {w.name} <span className="font-mono text-xs text-neutral-500">{w.slug}</span>
                  {w.builtin ? (
                    <span className="ml-1 rounded border border-neutral-300 px-1 text-[11px]">
                      预设
                    </span>
                  ) : null}
                  {!w.enabled ? (
                    <span className="ml-1 rounded border border-neutral-900 px-1 text-[11px]">
                      已停用
                    </span>
                  ) : null}
                </p>
                <p className="text-xs text-neutral-500">
                  {w.steps.map((s) => s.label ?? STEP_KIND_LABEL[s.tool]).join(" → ")}
                </p>
              </div>
              <div className="flex gap-3">
                <button type="button" className={btn.link} onClick={() => void toggle(w)}>
                  {w.enabled ? "停用" : "启用"}
                </button>
                <button
                  type="button"
                  className={btn.link}
                  onClick={() => setEditing({ mode: "edit", workflow: w })}
                >
                  编辑<span className="sr-only"> {w.name}</span>
                </button>
                <button type="button" className={btn.link} onClick={() => setDeleting(w)}>
                  删除<span className="sr-only"> {w.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={editing !== null}
        title={editing?.mode === "edit" ? `编辑工作流 · ${editing.workflow.name}` : "新建工作流"}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <WorkflowForm
            key={editing.mode === "edit" ? editing.workflow.id : "new"}
            workflow={editing.mode === "edit" ? editing.workflow : null}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      {deleting && (
        <ConfirmDelete
          what="工作流"
          slug={deleting.slug}
          consequence="已开始的运行不受影响。"
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
