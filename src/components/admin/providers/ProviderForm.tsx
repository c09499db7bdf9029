"use client";

import { useId, useState } from "react";
import { adminApi, AdminApiError, errorText } from "../api";
import { Field } from "../common/Field";
import { ModalFooter } from "../common/Modal";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";
import {
  KIND_BASE_URL,
  KIND_LABEL,
  PROVIDER_KINDS,
  type Provider,
  type ProviderKind,
} from "../types";
import { formatExtraHeaders, parseExtraHeaders } from "./extra-headers";
import { blockers, type DraftField, draftErrors, suggestSlug } from "./provider-draft";

type KeyMode = "keep" | "set" | "clear";
const FIELDS = ["name", "slug", "kind", "baseURL", "apiKey", "extraHeaders"];

/** Create or edit a provider. The API key is write-only: an empty field on edit keeps the stored key. */
export function ProviderForm({
  provider,
  onSaved,
  onCancel,
}: {
  provider: Provider | null;
  onSaved: (p: Provider) => void;
  onCancel: () => void;
}) {
  const editing = provider !== null;
  const [name, setName] = useState(provider?.name ?? "");
  const [slug, setSlug] = useState(provider?.slug ?? "");
  // A new provider's slug follows its name until the admin types one.
  const [slugEdited, setSlugEdited] = useState(editing);
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const blockersId = useId();
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? "openaiLike");
  const [baseURL, setBaseURL] = useState(provider?.baseURL ?? "");
  const [apiKey, setApiKey] = useState("");
  const [clearKey, setClearKey] = useState(false);
  const [headersText, setHeadersText] = useState(formatExtraHeaders(provider?.extraHeaders));
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; param: string | null } | null>(null);

  const headers = parseExtraHeaders(headersText);
  const keyMode: KeyMode = clearKey ? "clear" : apiKey ? "set" : "keep";
  // Server params can be nested ("extraHeaders.Host"); each shows under its top-level field.
  const errorField = error?.param?.split(".")[0] ?? null;
  const paramError = (p: string) => (errorField === p ? error!.message : null);
  const draft = { name, slug, baseURL };
  const local = draftErrors(draft);
  // A wrong value shows at its field once the admin has left it (or at once for a suggested slug).
  const fieldError = (f: DraftField) =>
    paramError(f) ?? (touched[f] || (f === "slug" && !slugEdited) ? (local[f] ?? null) : null);
  const blocked = blockers(draft, headers.ok ? null : headers.error);
  const touch = (f: DraftField) => () => setTouched((t) => ({ ...t, [f]: true }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!headers.ok) return;
    const body: Record<string, unknown> = {
      name: name.trim(),
      slug: slug.trim(),
      kind,
      baseURL: baseURL.trim(),
      extraHeaders: headers.value,
      enabled,
    };
    if (keyMode === "set") body.apiKey = apiKey;
    if (keyMode === "clear") body.apiKey = null;
    setBusy(true);
    setError(null);
    try {
      const { item } = editing
        ? await adminApi<{ item: Provider }>(`/api/admin/ai/providers/${provider.id}`, {
            method: "PATCH",
            body,
          })
        : await adminApi<{ item: Provider }>("/api/admin/ai/providers", { method: "POST", body });
      onSaved(item);
    } catch (err) {
      setError({ message: errorText(err), param: err instanceof AdminApiError ? err.param : null });
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="名称" error={paramError("name")}>
          <input
            className={input}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(suggestSlug(e.target.value));
            }}
            required
            maxLength={80}
            placeholder="例如：OpenAI 官方"
            autoFocus
          />
        </Field>
        <Field
          label="标识（slug）"
          hint="小写字母、数字、点、下划线或短横线；调用时可用 provider 字段指定"
          error={fieldError("slug")}
        >
          <input
            className={input}
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
            onBlur={touch("slug")}
            required
            maxLength={64}
            placeholder="openai"
            spellCheck={false}
          />
        </Field>
        <Field label="类型" error={paramError("kind")}>
          <select
            className={input}
            value={kind}
            onChange={(e) => setKind(e.target.value as ProviderKind)}
          >
            {PROVIDER_KINDS.filter((k) => k !== "mock" || provider?.kind === "mock").map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Base URL"
          hint="包含 /v1，与 OpenAI SDK 的 baseURL 相同"
          error={fieldError("baseURL")}
        >
          <input
            className={input}
            value={baseURL}
            onChange={(e) => setBaseURL(e.target.value)}
            onBlur={touch("baseURL")}
            required
            type="url"
            inputMode="url"
            placeholder={KIND_BASE_URL[kind]}
            spellCheck={false}
          />
        </Field>
      </div>

      <fieldset className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3">
        <legend className="px-1 text-xs font-medium text-neutral-700">API 密钥（只写）</legend>
        {editing && (
          <p className="text-xs text-neutral-500">
            当前：
            {provider.hasApiKey ? (
              <span className="font-mono">••••{provider.apiKeyPreview ?? ""}</span>
            ) : (
              "未设置"
            )}
            。密钥保存后无法查看。
          </p>
        )}
        <Field
          label={editing ? "新密钥" : "密钥"}
          hint={editing ? "留空表示保留当前密钥" : "可留空（例如本地 Ollama）"}
          error={paramError("apiKey")}
        >
          <input
            className={input}
            type="password"
            autoComplete="new-password"
            value={apiKey}
            disabled={clearKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={editing && provider.hasApiKey ? "保留当前密钥" : "sk-…"}
          />
        </Field>
        {editing && provider.hasApiKey && (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={clearKey}
              onChange={(e) => setClearKey(e.target.checked)}
              className="size-4 accent-black"
            />
            清除密钥
          </label>
        )}
      </fieldset>

      <Field
        label="额外请求头（JSON）"
        hint="可选，例如 OpenRouter 的 HTTP-Referer；不能包含 Authorization 或 Host"
        error={headers.ok ? paramError("extraHeaders") : headers.error}
      >
        <textarea
          className={`${input} min-h-24 font-mono text-xs`}
          value={headersText}
          onChange={(e) => setHeadersText(e.target.value)}
          spellCheck={false}
          placeholder='{"HTTP-Referer": "https://example.com"}'
        />
      </Field>

      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          className="size-4 accent-black"
        />
        启用
      </label>

      <ModalFooter>
        {error && !FIELDS.includes(errorField ?? "") && <ErrorNote message={error.message} />}
        <div className="flex flex-wrap items-center justify-end gap-2">
          {blocked && (
            <p id={blockersId} className="mr-auto text-xs text-neutral-700">
              {blocked}
            </p>
          )}
          <button type="button" className={btn.secondary} onClick={onCancel}>
            取消
          </button>
          <button
            type="submit"
            className={btn.primary}
            disabled={busy || blocked !== null}
            aria-describedby={blocked ? blockersId : undefined}
          >
            {busy ? "保存中…" : editing ? "保存" : "创建"}
          </button>
        </div>
      </ModalFooter>
    </form>
  );
}
