"use client";

import { useState } from "react";
import { adminApi, errorText } from "../api";
import { Field } from "../common/Field";
import { Modal, ModalFooter } from "../common/Modal";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";
import {
  CAPABILITIES,
  CAPABILITY_LABEL,
  type Capability,
  IMPORT_STRATEGIES,
  type ImportResult,
  MODEL_FIELD_LABEL,
  type ImportStrategyName,
  KIND_LABEL,
  type Provider,
} from "../types";
import { splitTags } from "./model-draft";
import { PricingEditor } from "./PricingEditor";
import { formToPricing, pricingToForm } from "./pricing-form";

const fieldLabel = (f: string) => MODEL_FIELD_LABEL[f] ?? f;

// A provider's kind is the natural strategy; kinds without one (the built-in mock) list models like OpenAI.
const strategyFor = (p: Provider | undefined): ImportStrategyName =>
  (IMPORT_STRATEGIES as string[]).includes(p?.kind ?? "")
    ? (p!.kind as ImportStrategyName)
    : "openaiLike";

/** Imports a provider's model list (contract §3 import) with optional batch defaults. */
export function ImportDialog({
  providers,
  onClose,
  onImported,
}: {
  providers: Provider[];
  onClose: () => void;
  onImported: (r: ImportResult) => void;
}) {
  const [providerId, setProviderId] = useState(providers[0]?.id ?? "");
  const [strategy, setStrategy] = useState<ImportStrategyName>(strategyFor(providers[0]));
  const [withPricing, setWithPricing] = useState(false);
  const [pricing, setPricing] = useState(() => pricingToForm({ chat: { fixedCreditsPerCall: 1 } }));
  const [tags, setTags] = useState("");
  const [caps, setCaps] = useState<Capability[]>([]);
  const [enabled, setEnabled] = useState<"" | "true" | "false">("");
  const [overwrite, setOverwrite] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  function chooseProvider(id: string) {
    setProviderId(id);
    setStrategy(strategyFor(providers.find((p) => p.id === id)));
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const defaults: Record<string, unknown> = {};
    if (withPricing) {
      const parsed = formToPricing(pricing);
      setErrors(parsed.errors);
      if (Object.keys(parsed.errors).length) return;
      defaults.pricing = parsed.pricing;
    }
    const tagList = splitTags(tags);
    if (tagList.length) defaults.tags = tagList;
    if (caps.length) defaults.capabilities = caps;
    if (enabled) defaults.enabled = enabled === "true";
    setBusy(true);
    setFailure(null);
    try {
      const r = await adminApi<ImportResult>("/api/admin/ai/models/import", {
        body: { providerId, strategy, defaults, ...(overwrite ? { overwrite: true } : {}) },
      });
      setResult(r);
      onImported(r);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title="从服务商导入模型" onClose={onClose} wide>
      {result ? (
        <div className="flex flex-col gap-4">
          <p role="status" className="text-sm">
            导入完成。
          </p>
          <dl className="grid grid-cols-3 gap-2 text-center">
            {(
              [
                ["新增", result.imported],
                ["更新", result.updated],
                ["跳过", result.skipped],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded-lg border border-neutral-200 py-3">
                <dt className="text-xs text-neutral-500">{label}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{n}</dd>
              </div>
            ))}
          </dl>
          {result.changes.length > 0 && (
            <div className="flex flex-col gap-1">
              <h3 className="text-sm font-medium">已有模型的变化</h3>
              <ul className="max-h-48 overflow-y-auto rounded-lg border border-neutral-200 px-3 py-2 text-xs">
                {result.changes.map((c) => (
                  <li key={c.slug} className="py-1 [overflow-wrap:anywhere]">
                    <span className="font-mono">{c.slug}</span>
                    {Object.keys(c.changed).length > 0 &&
                      `：更新 ${Object.keys(c.changed).map(fieldLabel).join("、")}`}
                    {c.kept.length > 0 && `；保留手动修改的 ${c.kept.map(fieldLabel).join("、")}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex justify-end">
            <button type="button" className={btn.primary} onClick={onClose}>
              完成
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="服务商">
              <select
                className={input}
                value={providerId}
                onChange={(e) => chooseProvider(e.target.value)}
              >
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}（{p.slug}）
                  </option>
                ))}
              </select>
            </Field>
            <Field label="导入策略" hint="Ollama 会在 /models 不可用时回退到 /api/tags">
              <select
                className={input}
                value={strategy}
                onChange={(e) => setStrategy(e.target.value as ImportStrategyName)}
              >
                {IMPORT_STRATEGIES.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="批量标签" hint="用逗号分隔，可选">
              <input
                className={input}
                value={tags}
                onChange={(e) => setTags(e.target.value)}
                placeholder="导入"
              />
            </Field>
            <Field label="导入后状态">
              <select
                className={input}
                value={enabled}
                onChange={(e) => setEnabled(e.target.value as "" | "true" | "false")}
              >
                <option value="">新模型停用，已有模型不变</option>
                <option value="true">启用</option>
                <option value="false">停用</option>
              </select>
            </Field>
          </div>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-xs font-medium text-neutral-700">
              批量能力（不选则自动识别）
            </legend>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {CAPABILITIES.map((c) => (
                <label key={c} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-black"
                    checked={caps.includes(c)}
                    onChange={(e) =>
                      setCaps(e.target.checked ? [...caps, c] : caps.filter((x) => x !== c))
                    }
                  />
                  {CAPABILITY_LABEL[c]}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-black"
              checked={overwrite}
              onChange={(e) => setOverwrite(e.target.checked)}
            />
            <span>
              覆盖手动修改
              <span className="block text-xs text-neutral-600">
                默认保留管理员改过的名称、定价、标签和启用状态；勾选后用导入的值覆盖它们
              </span>
            </span>
          </label>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="size-4 accent-black"
              checked={withPricing}
              onChange={(e) => setWithPricing(e.target.checked)}
            />
            为导入的模型设置默认定价
          </label>
          {withPricing && <PricingEditor value={pricing} onChange={setPricing} errors={errors} />}
          <ModalFooter>
            {failure && <ErrorNote message={failure} />}
            <div className="flex justify-end gap-2">
              <button type="button" className={btn.secondary} onClick={onClose}>
                取消
              </button>
              <button type="submit" className={btn.primary} disabled={busy || !providerId}>
                {busy ? "导入中…" : "开始导入"}
              </button>
            </div>
          </ModalFooter>
        </form>
      )}
    </Modal>
  );
}
