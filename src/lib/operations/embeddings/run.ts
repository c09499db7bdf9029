import "server-only";
import type { EmbeddingCreateParams } from "openai/resources/embeddings";
import { json, readJson } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { billedCall } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId, resolveFor } from "@/lib/gateway/call";
import { countTextTokens } from "@/lib/gateway/tokens";
import { embeddingCharge, embeddingHold } from "@/lib/pricing/compute";
import { clientForRow } from "@/lib/providers/client";
import { base64ToFloats, floatsToBase64 } from "@/lib/providers/float-vectors";
import { normalizeChatBody } from "@/lib/operations/chat/schema";
import { embeddingInputs, embeddingRequestSchema, upstreamEmbeddingParams } from "./schema";

// POST /v1/embeddings and /api/ai/embeddings (one handler): validate → resolve (capability
// `embedding`) → count input tokens and hold → provider call (floats) → settle on the provider's
// usage → OpenAI CreateEmbeddingResponse, as floats or base64 as the client asked.

export async function createEmbeddings(call: AiCall): Promise<Response> {
  const body = embeddingRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const inputs = embeddingInputs(body.input);
  const chars = inputs.reduce((n, x) => n + ("text" in x ? x.text.length : x.tokens.length), 0);
  if (chars > env.CHAT_MAX_CHARS)
    throw new ApiError("payload_too_large", `input 总长度超过 ${env.CHAT_MAX_CHARS} 个字符`, {
      param: "input",
    });

  const { model, providerRow } = await resolveFor(call, body.model, body.provider);
  let estimated = 0;
  for (const [i, x] of inputs.entries()) {
    const n = "text" in x ? await countTextTokens(x.text, model.upstreamModel) : x.tokens.length;
    if (n > model.contextWindow)
      throw new ApiError(
        "invalid_request",
        `第 ${i + 1} 条 input 约 ${n} tokens，超出模型上限 ${model.contextWindow}`,
        { param: "input" },
      );
    estimated += n;
  }
  const hold = embeddingHold(model.pricing, { estimatedTokens: estimated });
  const client = clientForRow(providerRow);
  const params = upstreamEmbeddingParams(body, model.upstreamModel);

  const result = await billedCall(
    call,
    hold,
    async (signal) => {
      const answer = await client.embeddings.create(params as unknown as EmbeddingCreateParams, {
        signal,
      });
      const vectors = readVectors(answer.data, inputs.length, call.provider!.slug);
      const tokensIn = answer.usage?.prompt_tokens ?? estimated;
      return {
        value: { vectors, tokensIn },
        credits: embeddingCharge(model.pricing, { promptTokens: tokensIn }, hold),
        tokensIn,
        meta: { inputs: inputs.length },
      };
    },
    { inputs: inputs.length, estimatedTokens: estimated },
  );

  const base64 = body.encoding_format === "base64";
  return json({
    object: "list",
    data: result.vectors.map((v, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? floatsToBase64(v) : v,
    })),
    model: model.slug,
    usage: { prompt_tokens: result.tokensIn, total_tokens: result.tokensIn },
  });
}

/** The provider's vectors in input order; a missing or malformed one is the provider's error. */
function readVectors(data: unknown, expected: number, provider: string): number[][] {
  const bad = (why: string) =>
    new ApiError("upstream_error", `上游服务 ${provider} 返回的向量不完整：${why}`, { provider });
  if (!Array.isArray(data)) throw bad("缺少 data");
  const out: number[][] = new Array(expected);
  data.forEach((item: { index?: unknown; embedding?: unknown }, i) => {
    const index = typeof item?.index === "number" ? item.index : i;
    const e = item?.embedding;
    const vector = typeof e === "string" ? base64ToFloats(e) : e;
    if (
      !Array.isArray(vector) ||
      !vector.length ||
      !vector.every((x) => typeof x === "number" && Number.isFinite(x))
    )
      throw bad(`第 ${i + 1} 项不是数字数组`);
    if (index >= 0 && index < expected) out[index] = vector;
  });
  for (let i = 0; i < expected; i++) if (!out[i]) throw bad(`缺少第 ${i + 1} 条`);
  return out;
}
