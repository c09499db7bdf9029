// Client-side checks of the provider form, with the server's own schemas, so every problem is
// shown at its field while typing and the 创建 button can say what it is waiting for.
import { baseUrlSchema, providerSlugSchema } from "@/lib/catalog/provider-schemas";

/** A slug suggested from the name: "OpenAI 官方" → "openai"; empty when nothing usable is left. */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+|[-.]+$/g, "")
    .replace(/-{2,}/g, "-")
    .slice(0, 64)
    .replace(/[-.]+$/, "");
}

export type ProviderDraft = { name: string; slug: string; baseURL: string };
export type DraftField = keyof ProviderDraft;

const LABELS: Record<DraftField, string> = { name: "名称", slug: "标识", baseURL: "Base URL" };

/** Messages for filled-in fields that are wrong (empty fields are listed as missing instead). */
export function draftErrors(d: ProviderDraft): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  if (d.slug.trim()) {
    const slug = providerSlugSchema.safeParse(d.slug);
    if (!slug.success) errors.slug = slug.error.issues[0].message;
  }
  if (d.baseURL.trim()) {
    const url = baseUrlSchema.safeParse(d.baseURL);
    if (!url.success) errors.baseURL = url.error.issues[0].message;
  }
  return errors;
}

/** Why the form cannot be sent yet, as one sentence (null when it can). */
export function blockers(d: ProviderDraft, headersError: string | null): string | null {
  const missing = (Object.keys(LABELS) as DraftField[]).filter((f) => !d[f].trim());
  const wrong = (Object.keys(draftErrors(d)) as DraftField[]).map((f) => LABELS[f]);
  if (headersError) wrong.push("额外请求头");
  const parts: string[] = [];
  if (missing.length) parts.push(`请填写${missing.map((f) => LABELS[f]).join("、")}`);
  if (wrong.length) parts.push(`请修正${wrong.join("、")}`);
  return parts.length ? `${parts.join("；")}。` : null;
}
