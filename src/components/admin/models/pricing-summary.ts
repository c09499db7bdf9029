import type { Pricing } from "../types";

/** A one-line price description for the models table. */
export function pricingSummary(p: Pricing | null | undefined): string {
  const parts: string[] = [];
  const chat = p?.chat;
  if (chat) {
    if (chat.fixedCreditsPerCall) parts.push(`${chat.fixedCreditsPerCall}/次`);
    if (chat.perKTokens)
      parts.push(`入 ${chat.perKTokens.input} · 出 ${chat.perKTokens.output} /千Token`);
  }
  const gen = p?.["image.generate"];
  if (gen) parts.push(`生图 ${gen.perImage}/张`);
  const edit = p?.["image.edit"];
  if (edit) parts.push(`改图 ${edit.perImage}/张`);
  const embedding = p?.embedding;
  if (embedding) parts.push(`嵌入 ${embedding.perKTokens.input}/千Token`);
  const speech = p?.["audio.speech"];
  if (speech) parts.push(`语音 ${speech.perKChars}/千字符`);
  const video = p?.["video.generate"];
  if (video) parts.push(`视频 ${video.perSecond}/秒`);
  const tools: [string, keyof NonNullable<typeof p>][] = [
    ["放大", "image.upscale"],
    ["扩图", "image.outpaint"],
    ["背景", "image.background"],
  ];
  for (const [label, op] of tools) {
    const t = p?.[op as "image.upscale"];
    if (t) parts.push(`${label} ${t.perMegapixel}/MP`);
  }
  return parts.length ? parts.join("；") : "未定价";
}
