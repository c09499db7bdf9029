"use client";

import { useState } from "react";
import type { WorkflowView } from "@/lib/workflows/schema";
import { adminApi, AdminApiError, errorText } from "../api";
import { Field } from "../common/Field";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";
import { StepEditor } from "./StepEditor";
import { draftToBody, emptyStep, type WorkflowDraft, workflowToDraft } from "./workflow-draft";

export function WorkflowForm({
  workflow,
  onSaved,
  onCancel,
}: {
  workflow: WorkflowView | null;
  onSaved: (w: WorkflowView) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<WorkflowDraft>(() => workflowToDraft(workflow));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<WorkflowDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setStep = (i: number, step: WorkflowDraft["steps"][number]) =>
    set({ steps: draft.steps.map((s, j) => (j === i ? step : s)) });
  const move = (i: number, delta: -1 | 1) => {
    const steps = [...draft.steps];
    [steps[i], steps[i + delta]] = [steps[i + delta], steps[i]];
    set({ steps });
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const { body, errors: found } = draftToBody(draft);
    setErrors(found);
    setServerError(null);
    if (!body) return;
    setBusy(true);
    try {
      const { item } = workflow
        ? await adminApi<{ item: WorkflowView }>(`/api/admin/workflows/${workflow.id}`, {
            method: "PATCH",
            body,
          })
        : await adminApi<{ item: WorkflowView }>("/api/admin/workflows", { method: "POST", body });
      onSaved(item);
    } catch (err) {
      const param = err instanceof AdminApiError ? err.param : null;
      if (param && ["slug", "name"].includes(param)) setErrors({ [param]: errorText(err) });
      else setServerError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="名称" error={errors.name}>
          <input
            className={input}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            maxLength={60}
            autoFocus
          />
        </Field>
        <Field label="标识（slug）" hint="小写字母、数字和 -" error={errors.slug}>
          <input
            className={`${input} font-mono`}
            value={draft.slug}
            onChange={(e) => set({ slug: e.target.value })}
            spellCheck={false}
          />
        </Field>
        <Field label="说明" error={errors.description} className="sm:col-span-2">
          <input
            className={input}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            maxLength={300}
          />
        </Field>
        <Field label="排序" hint="小的在前" error={errors.sort}>
          <input
            className={input}
            inputMode="numeric"
            value={draft.sort}
            onChange={(e) => set({ sort: e.target.value })}
          />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
            className="size-4 accent-black"
          />
          启用（用户可见）
        </label>
      </div>
      <div className="flex flex-col gap-3">
        {draft.steps.map((s, i) => (
          <StepEditor
            key={i}
            index={i}
            count={draft.steps.length}
            value={s}
            onChange={(v) => setStep(i, v)}
            onMove={(d) => move(i, d)}
            onRemove={() => set({ steps: draft.steps.filter((_, j) => j !== i) })}
            errors={errors}
          />
        ))}
        {errors.steps ? <p className="text-xs text-neutral-900">{errors.steps}</p> : null}
        <button
          type="button"
          className={`${btn.secondary} self-start`}
          disabled={draft.steps.length >= 8}
          onClick={() => set({ steps: [...draft.steps, emptyStep()] })}
        >
          ＋ 添加步骤
        </button>
      </div>
      {serverError ? <ErrorNote message={serverError} /> : null}
      {Object.keys(errors).length ? (
        <p className="text-xs text-neutral-900">有 {Object.keys(errors).length} 处需要修改</p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={onCancel}>
          取消
        </button>
        <button type="submit" className={btn.primary} disabled={busy}>
          {busy ? "保存中…" : "保存"}
        </button>
      </div>
    </form>
  );
}
