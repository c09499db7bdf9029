import { z } from "zod";
import { CAPABILITIES, capabilitySchema } from "@/lib/operations/registry";
import { pricingSchema } from "@/lib/pricing/schema";

// AiModel input and output shapes, shared by the admin API, the public list and the admin page.

export const MODALITIES = ["text", "image", "video", "audio"] as const;

export const modelSlugSchema = z
  .string()
  .trim()
  .min(1, "slug 不能为空")
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, "slug 只能包含字母、数字和 . _ : / @ + -");

export const rateLimitSchema = z.strictObject({
  rpm: z.number().int("rpm 必须是整数").positive("rpm 必须大于 0").max(1_000_000).optional(),
});

const unique = <T extends z.ZodTypeAny>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `${what}最多 ${max} 个`)
    .refine((a) => new Set(a).size === a.length, `${what}不能重复`);

const fields = {
  slug: modelSlugSchema,
  displayName: z.string().trim().min(1).max(200),
  providerId: z.string().min(1),
  upstreamModel: z.string().trim().min(1).max(300),
  family: z.string().trim().max(100),
  modalities: unique(z.enum(MODALITIES), MODALITIES.length, "modalities "),
  capabilities: unique(capabilitySchema, CAPABILITIES.length, "能力").min(1, "至少选择一项能力"),
  contextWindow: z.number().int().positive().max(100_000_000),
  supportsStream: z.boolean(),
  pricing: pricingSchema,
  rateLimit: rateLimitSchema,
  tags: unique(z.string().trim().min(1).max(32), 20, "标签"),
  enabled: z.boolean(),
  sort: z.number().int().min(-1_000_000).max(1_000_000),
};

/** Create: slug, providerId and capabilities are required; the rest have defaults (see models.ts). */
export const modelCreateSchema = z
  .strictObject(fields)
  .partial()
  .required({ slug: true, providerId: true, capabilities: true });
export const modelUpdateSchema = z.strictObject(fields).partial();

const boolParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
export const modelFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  providerId: z.string().max(100).optional(),
  capability: capabilitySchema.optional(),
  enabled: boolParam.optional(),
});

export const modelBulkSchema = z.strictObject({
  ids: z.array(z.string().min(1)).min(1, "请至少选择一个模型").max(1000),
  enabled: z.boolean(),
});

/**
 * Fields an admin curates: once set by hand (create, edit, bulk enable), a re-import keeps them
 * unless the admin asks it to overwrite.
 */
export const CURATED_FIELDS = ["displayName", "pricing", "tags", "enabled"] as const;
export type CuratedField = (typeof CURATED_FIELDS)[number];

export const modelImportSchema = z.strictObject({
  providerId: z.string().min(1),
  /** Replace curated fields too (and forget that they were edited). */
  overwrite: z.boolean().optional(),
  strategy: z.enum(["openaiLike", "openrouter", "together", "ollama"]),
  defaults: z
    .strictObject({
      pricing: pricingSchema.optional(),
      tags: fields.tags.optional(),
      enabled: z.boolean().optional(),
      capabilities: fields.capabilities.optional(),
    })
    .optional(),
});

export type ModelCreate = z.input<typeof modelCreateSchema>;
export type ModelUpdate = z.input<typeof modelUpdateSchema>;
export type ModelFilter = z.output<typeof modelFilterSchema>;
export type ModelImport = z.input<typeof modelImportSchema>;
export type RateLimit = z.output<typeof rateLimitSchema>;
