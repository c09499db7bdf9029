import { z } from "zod";

// POST /v1/audio/speech as OpenAI takes it. `voice` is a name (or OpenAI's `{id}` form for
// custom voices); `response_format` defaults to mp3 like OpenAI's. The answer is the audio file
// itself, so `stream_format: "sse"` is not offered.

export const SPEECH_MAX_CHARS = 4096;
export const SPEECH_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

export const speechRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model 不能为空").max(200),
  input: z
    .string()
    .refine((s) => s.trim().length > 0, "input 不能为空")
    .refine((s) => [...s].length <= SPEECH_MAX_CHARS, `input 最长 ${SPEECH_MAX_CHARS} 个字符`),
  voice: z.union(
    [z.string().trim().min(1).max(100), z.looseObject({ id: z.string().trim().min(1).max(100) })],
    "voice 不能为空",
  ),
  response_format: z
    .enum(SPEECH_FORMATS, `response_format 须为 ${SPEECH_FORMATS.join("/")}`)
    .optional(),
  speed: z.number().min(0.25, "speed 范围 0.25–4").max(4, "speed 范围 0.25–4").optional(),
  instructions: z.string().max(4096).optional(),
  stream_format: z.literal("audio", "仅支持 stream_format: audio").optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).nullish(),
});

export type SpeechRequest = z.infer<typeof speechRequestSchema>;

/** The media type of each format, when the provider does not say. */
export const SPEECH_CONTENT_TYPES: Record<SpeechFormat, string> = {
  mp3: "audio/mpeg",
  opus: "audio/ogg",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};

export function upstreamSpeechParams(
  body: SpeechRequest,
  upstreamModel: string,
): Record<string, unknown> {
  const { requestId: _r, provider: _p, ...rest } = body;
  return { ...rest, model: upstreamModel };
}
