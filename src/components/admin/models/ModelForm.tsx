"use client";

import { useState } from "react";
import { adminApi, AdminApiError, errorText } from "../api";
import { Field } from "../common/Field";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";
import {
  CAPABILITIES,
  CAPABILITY_LABEL,
  type AiModel,
  type Capability,
  type Provider,
} from "../types";
import { draftToBody, modelToDraft, type ModelDraft } from "./model-draft";
import { PricingEditor } from "./PricingEditor";

const TOP_LEVEL = new Set([
  "displayName",
  "slug",
  "upstreamModel",
  "providerId",
  "family",
  "capabilities",
  "contextWindow",
  "tags",
  "sort",
  "rateLimit.rpm",
  "rateLimit",
]);

/** The form field a server error's `param` belongs to; pricing paths (e.g. "pricing.chat.minCredits") go above the buttons with their path. */
function fieldOf(param: string | null): string | null {
  if (!param || param.startsWith("pricing")) return null;
  if (TOP_LEVEL.has(param)) return param;
  const top = param.split(".")[0];
  return TOP_LEVEL.has(top) ? top : null;
}

export function ModelForm({
  model,
  providers,
  onSaved,
  onCancel,
}: {
  model: AiModel | null;
  providers: Provider[];
  onSaved: (m: AiModel) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ModelDraft>(() => modelToDraft(model, providers[0]?.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ModelDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const toggleCap = (c: Capability, on: boolean) =>
    set({
      capabilities: on ? [...draft.capabilities, c] : draft.capabilities.filter((x) => x !== c),
    });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const { body, errors: found } = draftToBody(draft);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const { item } = model
        ? await adminApi<{ item: AiModel }>(`/api/admin/ai/models/${model.id}`, {
            method: "PATCH",
            body,
          })
        : await adminApi<{ item: AiModel }>("/api/admin/ai/models", { method: "POST", body });
      onSaved(item);
    } catch (err) {
      const field = fieldOf(err instanceof AdminApiError ? err.param : null);
      if (field) setErrors({ [field]: errorText(err) });
      else setServerError(errorText(err));
      setBusy(false);
    }
  }

  const invalidCount = Object.keys(errors).length;
  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="显示名称" error={errors.displayName}>
          <input
            className={input}
            value={draft.displayName}
            onChange={(e) => set({ displayName: e.target.value })}
            placeholder="GPT-4o mini"
            autoFocus
          />
        </Field>
        <Field label="公开标识（slug）" hint="客户端在 model 字段中使用" error={errors.slug}>
          <input
            className={`${input} font-mono`}
            value={draft.slug}
            onChange={(e) => set({ slug: e.target.value })}
            spellCheck={false}
          />
        </Field>
        <Field
          label="上游模型名"
          hint="发送给服务商的名称，留空则与标识相同"
          error={errors.upstreamModel}
        >
          <input
            className={`${input} font-mono`}
            value={draft.upstreamModel}
            onChange={(e) => set({ upstreamModel: e.target.value })}
            spellCheck={false}
          />
        </Field>
        <Field label="服务商" error={errors.providerId}>
          <select
            className={input}
            value={draft.providerId}
            onChange={(e) => set({ providerId: e.target.value })}
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}（{p.slug}）
              </option>
            ))}
          </select>
        </Field>
        <Field label="系列（family）" error={errors.family}>
          <input
            className={input}
            value={draft.family}
            onChange={(e) => set({ family: e.target.value })}
            placeholder="gpt-4o"
          />
        </Field>
        <Field label="标签" hint="用逗号分隔" error={errors.tags}>
          <input
            className={input}
            value={draft.tags}
            onChange={(e) => set({ tags: e.target.value })}
            placeholder="推荐, 快速"
          />
        </Field>
        <Field label="上下文窗口（Token）" error={errors.contextWindow}>
          <input
            className={input}
            inputMode="numeric"
            value={draft.contextWindow}
            onChange={(e) => set({ contextWindow: e.target.value })}
          />
        </Field>
        <Field label="排序" hint="数字越小越靠前" error={errors.sort}>
          <input
            className={input}
            inputMode="numeric"
            value={draft.sort}
            onChange={(e) => set({ sort: e.target.value })}
          />
        </Field>
        <Field
          label="每分钟请求上限（rpm）"
          hint="留空表示不限"
          error={errors["rateLimit.rpm"] ?? errors.rateLimit}
        >
          <input
            className={input}
            inputMode="numeric"
            value={draft.rpm}
            onChange={(e) => set({ rpm: e.target.value })}
            placeholder="不限"
          />
        </Field>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-neutral-700">能力</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CAPABILITIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.capabilities.includes(c)}
                onChange={(e) => toggleCap(c, e.target.checked)}
                className="size-4 accent-black"
              />
              {CAPABILITY_LABEL[c]} <span className="font-mono text-xs text-neutral-500">{c}</span>
            </label>
          ))}
        </div>
        {errors.capabilities && (
          <p className="text-xs font-medium text-black">⚠ {errors.capabilities}</p>
        )}
        <div className="flex flex-wrap gap-x-5 gap-y-2 pt-1">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.supportsStream}
              onChange={(e) => set({ supportsStream: e.target.checked })}
              className="size-4 accent-black"
            />
            支持流式输出
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
              className="size-4 accent-black"
            />
            启用
          </label>
        </div>
      </fieldset>

      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">定价（积分）</h3>
        <PricingEditor
          value={draft.pricing}
          onChange={(pricing) => set({ pricing })}
          errors={errors}
        />
      </div>

      {serverError && <ErrorNote message={serverError} />}
      {invalidCount > 0 && !serverError && (
        <p role="alert" className="text-sm font-medium">
          有 {invalidCount} 处需要修改，请检查标记 ⚠ 的字段。
        </p>
      )}
      <div className="sticky bottom-0 -mx-4 -mb-4 flex justify-end gap-2 border-t border-neutral-200 bg-white px-4 py-3">
        <button type="button" className={btn.secondary} onClick={onCancel}>
          取消
        </button>
        <button type="submit" className={btn.primary} disabled={busy || providers.length === 0}>
          {busy ? "保存中…" : model ? "保存" : "创建"}
        </button>
      </div>
    </form>
  );
}
