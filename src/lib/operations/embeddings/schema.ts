import { z } from "zod";

// POST /v1/embeddings as OpenAI takes it: `input` is a string, a batch of strings, an array of
// token ids or a batch of those; `encoding_format` float (default) or base64; `dimensions`.
// App fields `requestId` and `provider` as on every AI call; other OpenAI fields pass through.

export const MAX_EMBEDDING_INPUTS = 2048;

const text = z.string().min(1, "input 不能包含空字符串");
const tokens = z.array(z.number().int().nonnegative()).min(1, "token 数组不能为空");

export const embeddingRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model 不能为空").max(200),
  input: z.union(
    [
      text,
      z.array(text).min(1, "input 不能为空").max(MAX_EMBEDDING_INPUTS),
      tokens,
      z.array(tokens).min(1, "input 不能为空").max(MAX_EMBEDDING_INPUTS),
    ],
    `input 须为字符串、字符串数组或 token 数组（最多 ${MAX_EMBEDDING_INPUTS} 条）`,
  ),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().positive().max(65_536).optional(),
  user: z.string().max(256).optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).nullish(),
});

export type EmbeddingRequest = z.infer<typeof embeddingRequestSchema>;

/** One entry per vector the call returns: text, or token ids. */
export type EmbeddingInput = { text: string } | { tokens: number[] };

export function embeddingInputs(input: EmbeddingRequest["input"]): EmbeddingInput[] {
  if (typeof input === "string") return [{ text: input }];
  if (input.every((x) => typeof x === "number")) return [{ tokens: input as number[] }];
  return (input as (string | number[])[]).map((x) =>
    typeof x === "string" ? { text: x } : { tokens: x },
  );
}

/** The clean upstream request: app fields out, the upstream model, floats asked for. */
export function upstreamEmbeddingParams(
  body: EmbeddingRequest,
  upstreamModel: string,
): Record<string, unknown> {
  const { requestId: _r, provider: _p, ...rest } = body;
  // Floats from every provider (not all speak base64); base64 is encoded here when asked.
  return { ...rest, model: upstreamModel, encoding_format: "float" };
}
