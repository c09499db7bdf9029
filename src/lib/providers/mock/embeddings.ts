import "server-only";
import { floatsToBase64 } from "../float-vectors";

// Deterministic embeddings for the mock provider: character trigrams and words hashed into a
// fixed number of signed buckets, then normalised. The same text always gives the same vector,
// and texts that share words and spellings point the same way (cosine similarity means
// something), which is enough to demo search and clustering with no key and no network.

export const MOCK_EMBEDDING_DIMENSIONS = 256;
export const MAX_MOCK_DIMENSIONS = 2048;

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function features(text: string): string[] {
  const clean = text.toLowerCase().replace(/\s+/g, " ").trim();
  const out: string[] = [];
  const padded = ` ${clean} `;
  const chars = [...padded];
  for (let i = 0; i + 3 <= chars.length; i++) out.push(`c:${chars.slice(i, i + 3).join("")}`);
  for (const word of clean.split(/[^\p{L}\p{N}]+/u)) if (word) out.push(`w:${word}`);
  return out;
}

export function mockEmbedding(text: string, dimensions = MOCK_EMBEDDING_DIMENSIONS): number[] {
  const v = new Float64Array(dimensions);
  for (const f of features(text)) {
    const h = fnv1a(f);
    v[h % dimensions] += h & 0x80000000 ? -1 : 1;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  // An empty text still gets a unit vector (on the first axis), never NaNs.
  if (!norm) return Array.from(v, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

/** The texts of an embeddings `input`: a string, strings, token ids, or lists of token ids. */
export function embeddingTexts(input: unknown): string[] | null {
  const one = (x: unknown): string | null =>
    typeof x === "string"
      ? x
      : Array.isArray(x) && x.every((t) => Number.isInteger(t))
        ? x.map((t) => `t${t}`).join(" ")
        : null;
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || !input.length) return null;
  if (input.every((t) => Number.isInteger(t))) return [one(input)!];
  const texts = input.map(one);
  return texts.every((t): t is string => t !== null) ? texts : null;
}

export function mockEmbeddings(
  body: Record<string, unknown>,
): Response | { error: string; param: string } {
  const texts = embeddingTexts(body.input);
  if (!texts) return { error: "input must be a string, strings or token arrays", param: "input" };
  const dims = body.dimensions === undefined ? MOCK_EMBEDDING_DIMENSIONS : body.dimensions;
  if (typeof dims !== "number" || !Number.isInteger(dims) || dims < 1 || dims > MAX_MOCK_DIMENSIONS)
    return { error: `dimensions must be 1–${MAX_MOCK_DIMENSIONS}`, param: "dimensions" };
  const base64 = body.encoding_format === "base64";
  // Same rough count as the mock chat: four characters per token, at least one per input.
  const tokens = texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);
  return Response.json({
    object: "list",
    model: typeof body.model === "string" ? body.model : "mock-embedding",
    data: texts.map((t, index) => {
      const vector = mockEmbedding(t, dims);
      return { object: "embedding", index, embedding: base64 ? floatsToBase64(vector) : vector };
    }),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
