import { aiRoute } from "@/lib/gateway/call";
import { createSpeech } from "@/lib/operations/speech/run";

// OpenAI wire format (the answer is the audio file); the same handler as /api/ai/audio/speech.
export const POST = aiRoute("audio.speech", createSpeech);
