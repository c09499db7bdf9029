import "server-only";
import type { SpeechCreateParams } from "openai/resources/audio/speech";
import { readJson } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { billedCall } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId, resolveFor } from "@/lib/gateway/call";
import { speechCost } from "@/lib/pricing/compute";
import { clientForRow } from "@/lib/providers/client";
import { normalizeChatBody } from "@/lib/operations/chat/schema";
import { SPEECH_CONTENT_TYPES, speechRequestSchema, upstreamSpeechParams } from "./schema";

// POST /v1/audio/speech and /api/ai/audio/speech (one handler): validate → resolve (capability
// `audio.speech`) → hold the price of the input's characters (known up front, so hold = charge)
// → provider call → the audio bytes as the answer. The audio is read whole before the call is
// settled: a provider that fails halfway costs nothing.

/** More than any TTS answer for 4096 characters; a provider sending more is misbehaving. */
const MAX_AUDIO_BYTES = 64 * 1024 * 1024;

export async function createSpeech(call: AiCall): Promise<Response> {
  const body = speechRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const { model, provider, providerRow } = await resolveFor(call, body.model, body.provider);
  const characters = [...body.input].length;
  const cost = speechCost(model.pricing, { characters });
  const client = clientForRow(providerRow);
  const format = body.response_format ?? "mp3";
  const params = upstreamSpeechParams(body, model.upstreamModel);
  const fail = (why: string) =>
    new ApiError("upstream_error", `上游服务 ${provider.slug} ${why}`, { provider: provider.slug });

  const audio = await billedCall(
    call,
    cost,
    async (signal) => {
      const res = await client.audio.speech.create(params as unknown as SpeechCreateParams, {
        signal,
      });
      const type = (res.headers.get("content-type") ?? "").toLowerCase();
      if (/json|text\/|html/.test(type)) throw fail(`没有返回音频（${type.split(";")[0]}）`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (!bytes.length) throw fail("返回了空的音频");
      if (bytes.length > MAX_AUDIO_BYTES) throw fail("返回的音频过大");
      return {
        value: {
          bytes,
          type: type.startsWith("audio/") ? type : SPEECH_CONTENT_TYPES[format],
        },
        credits: cost,
        // The usage row's tokensIn counts the input's characters for speech.
        tokensIn: characters,
        meta: { characters, format },
      };
    },
    { characters, format },
  );
  return new Response(new Uint8Array(audio.bytes), {
    status: 200,
    headers: {
      "content-type": audio.type,
      "content-length": String(audio.bytes.length),
      "cache-control": "no-store",
    },
  });
}
