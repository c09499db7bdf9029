import { z } from "zod";
import { PROVIDER_KINDS } from "@/lib/providers/types";

// Provider input, shared by the admin API and the admin page's form validation.

// Headers the app owns: auth is set from the encrypted key, the rest by the HTTP client.
export const RESERVED_HEADERS = [
  "authorization",
  "host",
  "content-length",
  "cookie",
  "content-type",
  "transfer-encoding",
  "connection",
  "proxy-authorization",
];
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const MAX_HEADERS = 20;

export const extraHeadersSchema = z
  .record(
    z.string().min(1).max(100).regex(TOKEN, "请求头名称不合法"),
    z
      .string()
      .max(2000, "请求头取值最长 2000 字符")
      .regex(/^[^\r\n\0]*$/, "请求头取值不能含换行"),
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_HEADERS)
      ctx.addIssue({ code: "custom", message: `最多 ${MAX_HEADERS} 个请求头` });
    for (const name of names) {
      if (RESERVED_HEADERS.includes(name.toLowerCase())) {
        ctx.addIssue({ code: "custom", path: [name], message: `不允许覆盖 ${name} 请求头` });
      }
    }
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) {
      ctx.addIssue({ code: "custom", message: "请求头名称重复（不区分大小写）" });
    }
  });

export const providerSlugSchema = z
  .string()
  .trim()
  .min(1, "slug 不能为空")
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "slug 只能包含小写字母、数字、点、下划线和连字符");

export const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .url("baseURL 不是合法的 URL")
  .refine((v) => /^https?:\/\//i.test(v), "baseURL 必须是 http(s) 地址")
  // zod runs refinements after a failed .url() check too: never throw on an unparsable value.
  .refine((v) => {
    try {
      const u = new URL(v);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, "baseURL 不能包含用户名或密码，请把密钥填在 API Key 中")
  .transform((v) => v.replace(/\/+$/, ""));

const apiKey = z.string().trim().min(1, "API Key 不能为空").max(4096);

export const providerCreateSchema = z.strictObject({
  slug: providerSlugSchema,
  name: z.string().trim().min(1, "名称不能为空").max(100),
  kind: z.enum(PROVIDER_KINDS).default("openaiLike"),
  baseURL: baseUrlSchema,
  apiKey: apiKey.optional(),
  extraHeaders: extraHeadersSchema.default({}),
  enabled: z.boolean().default(true),
});

/** PATCH: omit a field to keep it; `apiKey: null` (or "") removes the stored key. */
export const providerUpdateSchema = z.strictObject({
  slug: providerSlugSchema.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  baseURL: baseUrlSchema.optional(),
  apiKey: z.union([apiKey, z.literal(""), z.null()]).optional(),
  extraHeaders: extraHeadersSchema.optional(),
  enabled: z.boolean().optional(),
});

export const providerTestSchema = z.strictObject({ providerId: z.string().min(1) });

export type ProviderCreate = z.input<typeof providerCreateSchema>;
export type ProviderUpdate = z.input<typeof providerUpdateSchema>;
