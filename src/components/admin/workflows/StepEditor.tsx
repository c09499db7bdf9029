"use client";

import { Field } from "../common/Field";
import { btn, input } from "../common/styles";
import {
  STEP_KIND_LABEL,
  WORKFLOW_STEP_KINDS,
  type WorkflowStepKind,
} from "@/lib/workflows/schema";
import { emptyStep, type StepDraft } from "./workflow-draft";

// One step of a workflow: the tool, its parameters, an optional name and model.

export function StepEditor({
  index,
  count,
  value,
  onChange,
  onMove,
  onRemove,
  errors,
}: {
  index: number;
  count: number;
  value: StepDraft;
  onChange: (v: StepDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<StepDraft>) => onChange({ ...value, ...patch });
  const err = (path: string) => errors[`steps.${index}.${path}`];
  const stepErr = Object.entries(errors).find(([k]) => k.startsWith(`steps.${index}`))?.[1];
  return (
    <fieldset className="rounded-lg border border-neutral-200 p-3">
      <legend className="px-1 text-sm font-medium">第 {index + 1} 步</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="工具">
          <select
            className={input}
            value={value.tool}
            onChange={(e) =>
              onChange({
                ...emptyStep(e.target.value as WorkflowStepKind),
                label: value.label,
                model: value.model,
              })
            }
          >
            {WORKFLOW_STEP_KINDS.map((k) => (
              <option key={k} value={k}>
                {STEP_KIND_LABEL[k]}（{k}）
              </option>
            ))}
          </select>
        </Field>
        <Field label="步骤名称" hint="可选，显示给用户" error={err("label")}>
          <input
            className={input}
            value={value.label}
            onChange={(e) => set({ label: e.target.value })}
            maxLength={40}
          />
        </Field>
        <Field label="模型 slug" hint="可选，留空用该能力的首个可用模型" error={err("model")}>
          <input
            className={`${input} font-mono`}
            value={value.model}
            onChange={(e) => set({ model: e.target.value })}
            spellCheck={false}
          />
        </Field>
        {value.tool === "image.upscale" ? (
          <Field label="倍数" error={err("params.scale")}>
            <select
              className={input}
              value={value.scale}
              onChange={(e) => set({ scale: e.target.value })}
            >
              <option value="2">2×</option>
              <option value="4">4×</option>
            </select>
          </Field>
        ) : null}
        {value.tool === "image.outpaint" ? (
          <>
            <Field label="扩展到宽高比" hint="如 3:4" error={err("params.aspectRatio")}>
              <input
                className={input}
                value={value.aspectRatio}
                onChange={(e) => set({ aspectRatio: e.target.value })}
              />
            </Field>
            <Field label="创意度" hint="0–1" error={err("params.creativity")}>
              <input
                className={input}
                inputMode="decimal"
                value={value.creativity}
                onChange={(e) => set({ creativity: e.target.value })}
              />
            </Field>
            <Field label="提示词" hint="可选" error={err("params.prompt")}>
              <input
                className={input}
                value={value.prompt}
                onChange={(e) => set({ prompt: e.target.value })}
              />
            </Field>
          </>
        ) : null}
        {value.tool === "image.background" ? (
          <>
            <Field label="方式" error={err("params.mode")}>
              <select
                className={input}
                value={value.mode}
                onChange={(e) => set({ mode: e.target.value as StepDraft["mode"] })}
              >
                <option value="remove">移除</option>
                <option value="replace">替换</option>
              </select>
            </Field>
            {value.mode === "replace" ? (
              <>
                <Field label="背景颜色" hint="#RRGGBB，与提示词二选一" error={err("params.color")}>
                  <input
                    className={`${input} font-mono`}
                    value={value.color}
                    onChange={(e) => set({ color: e.target.value })}
                    placeholder="#f2f2f2"
                  />
                </Field>
                <Field label="背景提示词" error={err("params.prompt")}>
                  <input
                    className={input}
                    value={value.prompt}
                    onChange={(e) => set({ prompt: e.target.value })}
                  />
                </Field>
              </>
            ) : null}
          </>
        ) : null}
        {value.tool === "image.edit" || value.tool === "image.generate" ? (
          <>
            <Field label="提示词" error={err("params.prompt")}>
              <input
                className={input}
                value={value.prompt}
                onChange={(e) => set({ prompt: e.target.value })}
              />
            </Field>
            <Field label="尺寸" hint="可选，如 1024x1024" error={err("params.size")}>
              <input
                className={`${input} font-mono`}
                value={value.size}
                onChange={(e) => set({ size: e.target.value })}
              />
            </Field>
          </>
        ) : null}
      </div>
      {stepErr && !Object.keys(errors).some((k) => k.startsWith(`steps.${index}.`)) ? (
        <p className="mt-2 text-xs text-neutral-900">{stepErr}</p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          className={btn.link}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          上移
        </button>
        <button
          type="button"
          className={btn.link}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          下移
        </button>
        <button type="button" className={btn.link} disabled={count === 1} onClick={onRemove}>
          删除此步
        </button>
      </div>
    </fieldset>
  );
}
