import { type Capability, isOperation, isToolOperation } from "@/lib/operations/registry";
import { chatHold, imageCost, type PricingTable } from "@/lib/pricing/compute";
import { requestJson } from "./http";

// The public model catalogue as the creator UI sees it (GET /api/ai/catalog), plus the price
// labels and cost estimates shown next to each model.

export type { Capability };

export type CatalogModel = {
  slug: string;
  displayName: string;
  providerSlug: string;
  providerName: string;
  capabilities: Capability[];
  pricing: PricingTable;
  tags: string[];
  contextWindow: number;
};

type RawModel = {
  slug: string;
  displayName?: string;
  provider?: { slug?: string; name?: string } | string | null;
  providerSlug?: string;
  providerName?: string;
  capabilities?: string[];
  pricing?: PricingTable | null;
  tags?: string[];
  contextWindow?: number;
  enabled?: boolean;
};

/** Accepts the provider as an object or flat fields, so the picker does not depend on one layout. */
export function normalizeModel(raw: RawModel): CatalogModel {
  const p = raw.provider;
  const providerSlug =
    (typeof p === "object" && p?.slug) ||
    (typeof p === "string" ? p : "") ||
    raw.providerSlug ||
    "";
  const providerName = (typeof p === "object" && p?.name) || raw.providerName || providerSlug;
  return {
    slug: raw.slug,
    displayName: raw.displayName || raw.slug,
    providerSlug,
    providerName,
    capabilities: (raw.capabilities ?? []).filter(isOperation),
    pricing: raw.pricing ?? {},
    tags: raw.tags ?? [],
    contextWindow: Number(raw.contextWindow) || 0,
  };
}

export async function fetchModels(): Promise<CatalogModel[]> {
  const body = await requestJson<{ items: RawModel[] }>("/api/ai/catalog", { cache: "no-store" });
  return body.items.filter((m) => m.enabled !== false).map(normalizeModel);
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000));

const extra = (p: { fixedCreditsPerCall?: number }) =>
  p.fixedCreditsPerCall ? `，每次另加 ${p.fixedCreditsPerCall} 积分` : "";

/** "输入 1 / 输出 2 积分每千 tokens", "5 积分/张" — what the picker shows under a model. */
export function priceLabel(model: CatalogModel, capability: Capability): string {
  if (capability === "chat") {
    const p = model.pricing.chat;
    if (!p) return "免费";
    const parts: string[] = [];
    if (p.perKTokens)
      parts.push(
        `输入 ${num(p.perKTokens.input)} / 输出 ${num(p.perKTokens.output)} 积分每千 tokens`,
      );
    if (p.fixedCreditsPerCall) parts.push(`每次 ${p.fixedCreditsPerCall} 积分`);
    if (p.minCredits) parts.push(`最低 ${p.minCredits} 积分`);
    return parts.join("，") || "免费";
  }
  if (capability === "embedding") {
    const p = model.pricing.embedding;
    return p ? `${num(p.perKTokens.input)} 积分每千 tokens${extra(p)}` : "免费";
  }
  if (capability === "audio.speech") {
    const p = model.pricing["audio.speech"];
    return p ? `${num(p.perKChars)} 积分每千字符${extra(p)}` : "免费";
  }
  if (capability === "video.generate") {
    const v = model.pricing["video.generate"];
    if (!v) return "免费";
    const fixed = v.fixedCreditsPerCall ? `，每次另加 ${v.fixedCreditsPerCall} 积分` : "";
    return `${num(v.perSecond)} 积分/秒${fixed}`;
  }
  if (isToolOperation(capability)) {
    const t = model.pricing[capability];
    return t ? `${num(t.perMegapixel)} 积分/百万像素（按输出尺寸）${extra(t)}` : "免费";
  }
  const p = model.pricing[capability];
  if (!p) return "免费";
  return `${num(p.perImage)} 积分/张${extra(p)}`;
}

// What the server's default output budget is when the client sets no max_tokens (contract §4).
const DEFAULT_MAX_TOKENS = 4096;

/** A deliberately generous token guess: CJK characters count one each, other text one per 3. */
export function roughTokens(text: string): number {
  const cjk = text.match(/[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/g)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 3);
}

/** The pre-charge the server will hold for this conversation (an estimate: it counts tokens exactly). */
export function estimateChatHold(model: CatalogModel, messages: { content: string }[]): number {
  const promptTokens = messages.reduce((n, m) => n + roughTokens(m.content) + 4, 0);
  const window = model.contextWindow || DEFAULT_MAX_TOKENS + promptTokens;
  const maxOut = Math.max(0, Math.min(DEFAULT_MAX_TOKENS, window - promptTokens));
  return chatHold(model.pricing, { promptTokens, maxOut });
}

/** What a typical answer (a few hundred tokens) is expected to cost: the number shown. */
export const TYPICAL_ANSWER_TOKENS = 400;

/**
 * Chat cost estimates (issue 17). The server sizes an unset max_tokens to the balance, so the
 * call needs only its minimum (a one-token answer) to start; a chosen max length is held in
 * full. `typical` is what the UI shows; `needed` is what the balance must cover.
 */
export function estimateChat(
  model: CatalogModel,
  messages: { content: string }[],
  maxTokens: number | null,
): { typical: number; needed: number } {
  const promptTokens = messages.reduce((n, m) => n + roughTokens(m.content) + 4, 0);
  const window = model.contextWindow || DEFAULT_MAX_TOKENS + promptTokens;
  const room = Math.max(0, window - promptTokens);
  const typicalOut = Math.min(room, maxTokens ?? TYPICAL_ANSWER_TOKENS, TYPICAL_ANSWER_TOKENS);
  return {
    typical: chatHold(model.pricing, { promptTokens, maxOut: typicalOut }),
    needed: chatHold(model.pricing, {
      promptTokens,
      maxOut: maxTokens ? Math.min(room, maxTokens) : Math.min(room, 1),
    }),
  };
}

export function estimateImageCost(
  model: CatalogModel,
  operation: "image.generate" | "image.edit",
  input: { n: number; size?: string; quality?: string },
): number {
  return imageCost(model.pricing, operation, input);
}

const STORAGE_KEY = (capability: Capability) => `aigc.model.${capability}`;

export function rememberModel(capability: Capability, slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY(capability), slug);
  } catch {
    // private mode or storage full: the choice just is not remembered
  }
}

export function recallModel(capability: Capability): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY(capability));
  } catch {
    return null;
  }
}

/** The preferred slug if it is still offered, else the first available model (or none). */
export function pickModel(
  models: CatalogModel[],
  ...preferred: (string | null | undefined)[]
): CatalogModel | null {
  for (const slug of preferred) {
    const hit = slug ? models.find((m) => m.slug === slug) : undefined;
    if (hit) return hit;
  }
  return models[0] ?? null;
}
