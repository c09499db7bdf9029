import { z } from "zod";

// Fields every generation body shares, as JSON or as multipart text (hence the coercions from
// strings): the app's own publish fields and the text-to-number/boolean readers. Pure zod, safe
// in client code.

/** Reads a multipart text value with `parse` before validating it with `schema`. */
export const fromText = <T extends z.ZodType>(schema: T, parse: (v: string) => unknown) =>
  z.preprocess((v) => (typeof v === "string" ? parse(v) : v), schema);

export const intField = fromText(z.number().int("必须是整数"), (v) =>
  /^-?\d+$/.test(v.trim()) ? Number(v) : v,
);

export const boolField = fromText(z.boolean(), (v) =>
  v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v,
);

/** Tags as an array or a comma-separated string (a multipart field). */
export const tagsField = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().trim().min(1).max(30)).max(10, "最多 10 个标签"),
);

/** Publish the result to the gallery at once (`persist`), under this title and these tags. */
export const publishFields = {
  persist: boolField.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  tags: tagsField.optional(),
};
