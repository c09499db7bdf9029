import "server-only";

// Text to speech for the mock provider, synthesised here: every letter becomes a short voiced
// syllable (a pitch from the letter and the voice, two harmonics, a soft envelope), spaces and
// punctuation become pauses. Not words, but real, playable audio whose length follows the text,
// deterministic for the same input, voice and speed. 24 kHz 16-bit mono like OpenAI's `pcm`.

export const SAMPLE_RATE = 24_000;
const SYLLABLE_S = 0.06;
const SPACE_S = 0.05;
const PAUSE_S = 0.16;
/** Long inputs are cut here so one call stays a few megabytes at most. */
export const MAX_SECONDS = 30;

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.codePointAt(0)!) | 0, 7);

/** Raw 16-bit little-endian mono samples. */
export function synthesizePcm(text: string, voice: string, speed = 1): Buffer {
  const base = 110 + (Math.abs(hash(voice)) % 90);
  const samples: number[] = [];
  const push = (seconds: number, freq: number | null) => {
    const n = Math.round((seconds / speed) * SAMPLE_RATE);
    for (let i = 0; i < n; i++) {
      if (freq === null) {
        samples.push(0);
        continue;
      }
      const t = i / SAMPLE_RATE;
      const env = Math.sin((Math.PI * i) / n) ** 2;
      const s =
        Math.sin(2 * Math.PI * freq * t) * 0.6 +
        Math.sin(2 * Math.PI * freq * 2 * t) * 0.25 +
        Math.sin(2 * Math.PI * freq * 3.1 * t) * 0.1;
      samples.push(Math.round(s * env * 0.8 * 32767));
    }
  };
  for (const ch of text) {
    if (samples.length >= MAX_SECONDS * SAMPLE_RATE) break;
    if (/\s/u.test(ch)) push(SPACE_S, null);
    else if (/[\p{P}\p{S}]/u.test(ch)) push(PAUSE_S, null);
    else push(SYLLABLE_S, base * (1 + ((ch.codePointAt(0)! * 7) % 12) / 24));
  }
  if (!samples.length) push(PAUSE_S, null);
  const count = Math.min(samples.length, MAX_SECONDS * SAMPLE_RATE);
  const pcm = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) pcm.writeInt16LE(samples[i], i * 2);
  return pcm;
}

/** A canonical 44-byte RIFF/WAVE header around PCM samples. */
export function wavFromPcm(pcm: Buffer, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/**
 * POST /audio/speech. `pcm` is answered as raw samples; every other format as WAV (the mock has
 * no MP3/Opus/AAC/FLAC encoder offline), labelled honestly as audio/wav.
 */
export function mockSpeech(
  body: Record<string, unknown>,
): Response | { error: string; param: string } {
  const input = typeof body.input === "string" ? body.input : "";
  if (!input.trim()) return { error: "input is required", param: "input" };
  const voice =
    typeof body.voice === "string"
      ? body.voice
      : typeof (body.voice as { id?: unknown })?.id === "string"
        ? (body.voice as { id: string }).id
        : "";
  if (!voice) return { error: "voice is required", param: "voice" };
  const speed = body.speed === undefined ? 1 : Number(body.speed);
  if (!Number.isFinite(speed) || speed < 0.25 || speed > 4)
    return { error: "speed must be 0.25–4", param: "speed" };
  const pcm = synthesizePcm(input, voice, speed);
  if (body.response_format === "pcm")
    return new Response(new Uint8Array(pcm), { headers: { "content-type": "audio/pcm" } });
  return new Response(new Uint8Array(wavFromPcm(pcm)), {
    headers: { "content-type": "audio/wav" },
  });
}
