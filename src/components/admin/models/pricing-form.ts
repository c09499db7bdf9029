// Pricing editor state ↔ the contract §4 pricing JSON. Inputs are kept as strings so a
// half-typed number stays editable; `formToPricing` is the single place that validates them.
import type {
  ChatPricing,
  EmbeddingPricing,
  ImagePricing,
  Pricing,
  PricingInput,
  Rounding,
  SpeechPricing,
  ToolPricing,
  VideoPricing,
} from "../types";

export type FactorRow = { key: string; value: string };
export type ChatForm = {
  on: boolean;
  fixedCreditsPerCall: string;
  input: string;
  output: string;
  minCredits: string;
};
export type ImageForm = {
  on: boolean;
  perImage: string;
  fixedCreditsPerCall: string;
  sizeFactors: FactorRow[];
  qualityFactors: FactorRow[];
};
/** Embeddings (rate = credits per 1K input tokens) and speech (rate = credits per 1K characters). */
export type RateForm = {
  on: boolean;
  rate: string;
  fixedCreditsPerCall: string;
  minCredits: string;
};
export type RateOp = "embedding" | "audio.speech";

export type VideoForm = {
  on: boolean;
  perSecond: string;
  fixedCreditsPerCall: string;
  minCredits: string;
  sizeFactors: FactorRow[];
};
/** Image tools (upscale, outpaint, background): by output megapixels, with per-tool factors. */
export type ToolForm = {
  on: boolean;
  perMegapixel: string;
  fixedCreditsPerCall: string;
  minCredits: string;
  /** image.upscale: factor per scale ("2", "4"). */
  scaleFactors: FactorRow[];
  /** image.outpaint: price × (1 + creativityFactor · creativity). */
  creativityFactor: string;
  /** image.background: factor per mode. */
  modeRemove: string;
  modeReplace: string;
};
export type ToolOp = "image.upscale" | "image.outpaint" | "image.background";
export const TOOL_OPS: ToolOp[] = ["image.upscale", "image.outpaint", "image.background"];

export type PricingForm = {
  chat: ChatForm;
  "image.generate": ImageForm;
  "image.edit": ImageForm;
  embedding: RateForm;
  "audio.speech": RateForm;
  "video.generate": VideoForm;
  "image.upscale": ToolForm;
  "image.outpaint": ToolForm;
  "image.background": ToolForm;
  rounding: Rounding;
};
export type ImageOp = "image.generate" | "image.edit";
export type PricingErrors = Record<string, string>;

const str = (n: number | undefined) => (n === undefined ? "" : String(n));
const rows = (m: Record<string, number> | undefined): FactorRow[] =>
  Object.entries(m ?? {}).map(([key, v]) => ({ key, value: String(v) }));

function imageForm(p: ImagePricing | undefined): ImageForm {
  return {
    on: !!p,
    perImage: str(p?.perImage),
    fixedCreditsPerCall: str(p?.fixedCreditsPerCall),
    sizeFactors: rows(p?.sizeFactors),
    qualityFactors: rows(p?.qualityFactors),
  };
}

function rateForm(
  p: { fixedCreditsPerCall?: number; minCredits?: number } | undefined,
  rate: number | undefined,
): RateForm {
  return {
    on: !!p,
    rate: str(rate),
    fixedCreditsPerCall: str(p?.fixedCreditsPerCall),
    minCredits: str(p?.minCredits),
  };
}

/** Where each rate lives in the pricing JSON (also the error path of its field). */
export const RATE_PATH: Record<RateOp, string> = {
  embedding: "embedding.perKTokens.input",
  "audio.speech": "audio.speech.perKChars",
};

function videoForm(p: VideoPricing | undefined): VideoForm {
  return {
    on: !!p,
    perSecond: str(p?.perSecond),
    fixedCreditsPerCall: str(p?.fixedCreditsPerCall),
    minCredits: str(p?.minCredits),
    sizeFactors: rows(p?.sizeFactors),
  };
}

function toolForm(p: ToolPricing | undefined): ToolForm {
  return {
    on: !!p,
    perMegapixel: str(p?.perMegapixel),
    fixedCreditsPerCall: str(p?.fixedCreditsPerCall),
    minCredits: str(p?.minCredits),
    scaleFactors: rows(p?.scaleFactors),
    creativityFactor: str(p?.creativityFactor),
    modeRemove: str(p?.modeFactors?.remove),
    modeReplace: str(p?.modeFactors?.replace),
  };
}

export function pricingToForm(p: PricingInput | null | undefined): PricingForm {
  const chat = p?.chat;
  return {
    chat: {
      on: !!chat,
      fixedCreditsPerCall: str(chat?.fixedCreditsPerCall),
      input: str(chat?.perKTokens?.input),
      output: str(chat?.perKTokens?.output),
      minCredits: str(chat?.minCredits),
    },
    "image.generate": imageForm(p?.["image.generate"]),
    "image.edit": imageForm(p?.["image.edit"]),
    embedding: rateForm(p?.embedding, p?.embedding?.perKTokens?.input),
    "audio.speech": rateForm(p?.["audio.speech"], p?.["audio.speech"]?.perKChars),
    "video.generate": videoForm(p?.["video.generate"]),
    "image.upscale": toolForm(p?.["image.upscale"]),
    "image.outpaint": toolForm(p?.["image.outpaint"]),
    "image.background": toolForm(p?.["image.background"]),
    rounding: p?.rounding ?? "ceil",
  };
}

type Num = { kind: "int" | "number"; required?: boolean };

/** Parses one numeric field; records a Chinese error under `path` and returns undefined when invalid or empty. */
function num(raw: string, path: string, spec: Num, errors: PricingErrors): number | undefined {
  const s = raw.trim();
  if (!s) {
    if (spec.required) errors[path] = "必填";
    return undefined;
  }
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) errors[path] = "请输入不小于 0 的数字";
  else if (spec.kind === "int" && !Number.isInteger(n)) errors[path] = "请输入整数积分";
  else return n;
  return undefined;
}

function factors(
  list: FactorRow[],
  path: string,
  keyPattern: RegExp | null,
  keyHint: string,
  errors: PricingErrors,
): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  list.forEach((row, i) => {
    const key = row.key.trim();
    if (!key && !row.value.trim()) return;
    if (!key || (keyPattern && !keyPattern.test(key))) errors[`${path}.${i}.key`] = keyHint;
    else if (key in out) errors[`${path}.${i}.key`] = "重复的键";
    const n = Number(row.value.trim());
    if (!row.value.trim() || !Number.isFinite(n) || n <= 0)
      errors[`${path}.${i}.value`] = "系数须大于 0";
    else if (key) out[key] = n;
  });
  return Object.keys(out).length ? out : undefined;
}

function imagePricing(f: ImageForm, op: ImageOp, errors: PricingErrors): ImagePricing | undefined {
  if (!f.on) return undefined;
  const perImage = num(f.perImage, `${op}.perImage`, { kind: "number", required: true }, errors);
  const fixed = num(f.fixedCreditsPerCall, `${op}.fixedCreditsPerCall`, { kind: "int" }, errors);
  const sizeFactors = factors(
    f.sizeFactors,
    `${op}.sizeFactors`,
    /^\d+x\d+$/,
    "尺寸格式为 宽x高，如 1024x1024",
    errors,
  );
  const qualityFactors = factors(
    f.qualityFactors,
    `${op}.qualityFactors`,
    null,
    "请填写质量名称，如 hd",
    errors,
  );
  const out: ImagePricing = { perImage: perImage ?? 0 };
  if (fixed !== undefined) out.fixedCreditsPerCall = fixed;
  if (sizeFactors) out.sizeFactors = sizeFactors;
  if (qualityFactors) out.qualityFactors = qualityFactors;
  return out;
}

function chatPricing(f: ChatForm, errors: PricingErrors): ChatPricing | undefined {
  if (!f.on) return undefined;
  const out: ChatPricing = {};
  const fixed = num(f.fixedCreditsPerCall, "chat.fixedCreditsPerCall", { kind: "int" }, errors);
  const hasTokens = !!(f.input.trim() || f.output.trim());
  const input = num(
    f.input,
    "chat.perKTokens.input",
    { kind: "number", required: hasTokens },
    errors,
  );
  const output = num(
    f.output,
    "chat.perKTokens.output",
    { kind: "number", required: hasTokens },
    errors,
  );
  const min = num(f.minCredits, "chat.minCredits", { kind: "int" }, errors);
  if (fixed !== undefined) out.fixedCreditsPerCall = fixed;
  if (input !== undefined && output !== undefined) out.perKTokens = { input, output };
  if (min !== undefined) out.minCredits = min;
  if (fixed === undefined && !hasTokens && !errors["chat.fixedCreditsPerCall"])
    errors["chat"] = "请至少填写按次或按 Token 计费";
  return out;
}

function ratePricing(
  f: RateForm,
  op: RateOp,
  errors: PricingErrors,
): { rate: number; fixedCreditsPerCall?: number; minCredits?: number } | undefined {
  if (!f.on) return undefined;
  const rate = num(f.rate, RATE_PATH[op], { kind: "number", required: true }, errors);
  const fixed = num(f.fixedCreditsPerCall, `${op}.fixedCreditsPerCall`, { kind: "int" }, errors);
  const min = num(f.minCredits, `${op}.minCredits`, { kind: "int" }, errors);
  return {
    rate: rate ?? 0,
    ...(fixed !== undefined ? { fixedCreditsPerCall: fixed } : {}),
    ...(min !== undefined ? { minCredits: min } : {}),
  };
}

function videoPricing(f: VideoForm, errors: PricingErrors): VideoPricing | undefined {
  if (!f.on) return undefined;
  const op = "video.generate";
  const perSecond = num(f.perSecond, `${op}.perSecond`, { kind: "number", required: true }, errors);
  const fixed = num(f.fixedCreditsPerCall, `${op}.fixedCreditsPerCall`, { kind: "int" }, errors);
  const min = num(f.minCredits, `${op}.minCredits`, { kind: "int" }, errors);
  const sizeFactors = factors(
    f.sizeFactors,
    `${op}.sizeFactors`,
    /^\d+x\d+$/,
    "尺寸格式为 宽x高，如 720x1280",
    errors,
  );
  const out: VideoPricing = { perSecond: perSecond ?? 0 };
  if (fixed !== undefined) out.fixedCreditsPerCall = fixed;
  if (min !== undefined) out.minCredits = min;
  if (sizeFactors) out.sizeFactors = sizeFactors;
  return out;
}

function factorValue(raw: string, path: string, errors: PricingErrors): number | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) errors[path] = "系数须大于 0";
  else return n;
  return undefined;
}

function toolPricing(f: ToolForm, op: ToolOp, errors: PricingErrors): ToolPricing | undefined {
  if (!f.on) return undefined;
  const perMegapixel = num(
    f.perMegapixel,
    `${op}.perMegapixel`,
    { kind: "number", required: true },
    errors,
  );
  const fixed = num(f.fixedCreditsPerCall, `${op}.fixedCreditsPerCall`, { kind: "int" }, errors);
  const min = num(f.minCredits, `${op}.minCredits`, { kind: "int" }, errors);
  const out: ToolPricing = { perMegapixel: perMegapixel ?? 0 };
  if (fixed !== undefined) out.fixedCreditsPerCall = fixed;
  if (min !== undefined) out.minCredits = min;
  if (op === "image.upscale") {
    const scaleFactors = factors(
      f.scaleFactors,
      `${op}.scaleFactors`,
      /^\d{1,2}$/,
      "倍数为整数，如 2、4",
      errors,
    );
    if (scaleFactors) out.scaleFactors = scaleFactors;
  }
  if (op === "image.outpaint") {
    const c = num(f.creativityFactor, `${op}.creativityFactor`, { kind: "number" }, errors);
    if (c !== undefined) out.creativityFactor = c;
  }
  if (op === "image.background") {
    const remove = factorValue(f.modeRemove, `${op}.modeFactors.remove`, errors);
    const replace = factorValue(f.modeReplace, `${op}.modeFactors.replace`, errors);
    if (remove !== undefined || replace !== undefined)
      out.modeFactors = {
        ...(remove !== undefined ? { remove } : {}),
        ...(replace !== undefined ? { replace } : {}),
      };
  }
  return out;
}

export function formToPricing(f: PricingForm): { pricing: Pricing; errors: PricingErrors } {
  const errors: PricingErrors = {};
  const pricing: Pricing = { rounding: f.rounding };
  const chat = chatPricing(f.chat, errors);
  const gen = imagePricing(f["image.generate"], "image.generate", errors);
  const edit = imagePricing(f["image.edit"], "image.edit", errors);
  if (chat) pricing.chat = chat;
  if (gen) pricing["image.generate"] = gen;
  if (edit) pricing["image.edit"] = edit;
  const embedding = ratePricing(f.embedding, "embedding", errors);
  if (embedding) {
    const { rate, ...rest } = embedding;
    pricing.embedding = { perKTokens: { input: rate }, ...rest } satisfies EmbeddingPricing;
  }
  const speech = ratePricing(f["audio.speech"], "audio.speech", errors);
  if (speech) {
    const { rate, ...rest } = speech;
    pricing["audio.speech"] = { perKChars: rate, ...rest } satisfies SpeechPricing;
  }
  const video = videoPricing(f["video.generate"], errors);
  if (video) pricing["video.generate"] = video;
  for (const op of TOOL_OPS) {
    const tool = toolPricing(f[op], op, errors);
    if (tool) pricing[op] = tool;
  }
  return { pricing, errors };
}
