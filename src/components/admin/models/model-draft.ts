// The model edit form's state and its mapping to the admin API body (contract §3).
import type { AiModel, Capability } from "../types";
import { formToPricing, pricingToForm, type PricingErrors, type PricingForm } from "./pricing-form";

export type ModelDraft = {
  displayName: string;
  slug: string;
  upstreamModel: string;
  providerId: string;
  family: string;
  capabilities: Capability[];
  contextWindow: string;
  supportsStream: boolean;
  tags: string;
  sort: string;
  enabled: boolean;
  rpm: string;
  pricing: PricingForm;
};

export function modelToDraft(m: AiModel | null, defaultProviderId = ""): ModelDraft {
  return {
    displayName: m?.displayName ?? "",
    slug: m?.slug ?? "",
    upstreamModel: m?.upstreamModel ?? "",
    providerId: m?.providerId ?? defaultProviderId,
    family: m?.family ?? "",
    capabilities: m?.capabilities ?? ["chat"],
    contextWindow: m ? String(m.contextWindow) : "8192",
    supportsStream: m?.supportsStream ?? true,
    tags: (m?.tags ?? []).join(", "),
    sort: m ? String(m.sort) : "0",
    enabled: m?.enabled ?? true,
    rpm: m?.rateLimit?.rpm ? String(m.rateLimit.rpm) : "",
    pricing: pricingToForm(m?.pricing),
  };
}

export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

function intField(
  raw: string,
  path: string,
  errors: PricingErrors,
  min: number,
): number | undefined {
  const n = Number(raw.trim());
  if (!raw.trim() || !Number.isInteger(n) || n < min) {
    errors[path] = min > 0 ? `请输入不小于 ${min} 的整数` : "请输入整数";
    return undefined;
  }
  return n;
}

/** Validates the draft; returns the request body or field errors keyed like the API's `param`. */
export function draftToBody(d: ModelDraft): {
  body: Record<string, unknown>;
  errors: PricingErrors;
} {
  const { pricing, errors } = formToPricing(d.pricing);
  if (!d.displayName.trim()) errors.displayName = "必填";
  if (!d.slug.trim()) errors.slug = "必填";
  if (!d.providerId) errors.providerId = "请选择服务商";
  if (d.capabilities.length === 0) errors.capabilities = "至少选择一项能力";
  const contextWindow = intField(d.contextWindow, "contextWindow", errors, 1);
  const sort = intField(d.sort, "sort", errors, Number.MIN_SAFE_INTEGER);
  const rpm = d.rpm.trim() ? intField(d.rpm, "rateLimit.rpm", errors, 1) : undefined;
  const body: Record<string, unknown> = {
    displayName: d.displayName.trim(),
    slug: d.slug.trim(),
    upstreamModel: d.upstreamModel.trim() || d.slug.trim(),
    providerId: d.providerId,
    family: d.family.trim(),
    capabilities: d.capabilities,
    contextWindow,
    supportsStream: d.supportsStream,
    tags: splitTags(d.tags),
    sort,
    enabled: d.enabled,
    rateLimit: rpm ? { rpm } : {},
    pricing,
  };
  return { body, errors };
}
