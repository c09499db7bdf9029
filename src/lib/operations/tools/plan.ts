import type { ToolOperation } from "@/lib/operations/registry";

// What an image tool call will make, worked out before anything runs: the exact output size (so
// the price is known and the answer can be checked), from the source size and the parameters.
// Pure: the creator UI previews the same sizes the server enforces.

export const MAX_MARGIN = 2000;
/** The longest side any tool writes (WebP's own limit is 16383; PNG/JPEG go further). */
export const MAX_SIDE = 16_384;
export const UPSCALE_FACTORS = [2, 4] as const;
export const DEFAULT_CREATIVITY = 0.5;

export type Size = { width: number; height: number };
export type OutputFormat = "png" | "jpeg" | "webp";
export type BackgroundMode = "remove" | "replace";

/** A tool call resolved to exactly what it does. */
export type ToolSpec =
  | { op: "image.upscale"; width: number; height: number; scale: number }
  | {
      op: "image.outpaint";
      left: number;
      right: number;
      up: number;
      down: number;
      creativity: number;
      prompt: string | null;
    }
  | {
      op: "image.background";
      mode: BackgroundMode;
      color: string | null;
      prompt: string | null;
      /** A background picture was given (replace). */
      backgroundImage: boolean;
    };

/** The parameters of a call, as a client (or a workflow step) states them. */
export type ToolRequest =
  | { op: "image.upscale"; scale?: number; width?: number; height?: number }
  | {
      op: "image.outpaint";
      left?: number;
      right?: number;
      up?: number;
      down?: number;
      /** "3:4": the margins that extend the picture to this aspect ratio, centred. */
      aspectRatio?: string;
      creativity?: number;
      prompt?: string;
    }
  | {
      op: "image.background";
      mode: BackgroundMode;
      color?: string;
      prompt?: string;
      backgroundImage?: boolean;
    };

export type PlanError = { param: string; message: string };
export type Plan = { spec: ToolSpec; output: Size };

const fail = (param: string, message: string): { error: PlanError } => ({
  error: { param, message },
});

export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const ASPECT_RATIO = /^(\d{1,2}):(\d{1,2})$/;

/** The margins that extend `src` to `ratio` (W:H), split evenly (the odd pixel goes right/down). */
export function marginsForAspect(
  src: Size,
  ratio: string,
): Size & { left: number; right: number; up: number; down: number } {
  const m = ASPECT_RATIO.exec(ratio);
  const r = m ? Number(m[1]) / Number(m[2]) : src.width / src.height;
  let width = src.width;
  let height = src.height;
  if (src.width / src.height < r) width = Math.round(src.height * r);
  else height = Math.round(src.width / r);
  const dx = width - src.width;
  const dy = height - src.height;
  return {
    width,
    height,
    left: Math.floor(dx / 2),
    right: dx - Math.floor(dx / 2),
    up: Math.floor(dy / 2),
    down: dy - Math.floor(dy / 2),
  };
}

function upscale(
  req: Extract<ToolRequest, { op: "image.upscale" }>,
  src: Size,
): Plan | { error: PlanError } {
  const sized = req.width !== undefined || req.height !== undefined;
  if (sized && req.scale !== undefined) return fail("scale", "scale 与 width/height 只能二选一");
  if (!sized) {
    const scale = req.scale ?? 2;
    if (!(UPSCALE_FACTORS as readonly number[]).includes(scale))
      return fail("scale", `scale 只能是 ${UPSCALE_FACTORS.join(" 或 ")}`);
    const out = { width: src.width * scale, height: src.height * scale };
    return { spec: { op: "image.upscale", ...out, scale }, output: out };
  }
  for (const key of ["width", "height"] as const) {
    const v = req[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) return fail(key, `${key} 必须是正整数`);
  }
  // One side given: the other follows the picture's aspect ratio.
  const width = req.width ?? Math.round((src.width * req.height!) / src.height);
  const height = req.height ?? Math.round((src.height * req.width!) / src.width);
  if (width < src.width || height < src.height)
    return fail(
      req.width !== undefined && width < src.width ? "width" : "height",
      `放大后的尺寸（${width}×${height}）不能小于原图（${src.width}×${src.height}）`,
    );
  if (width === src.width && height === src.height) return fail("width", "放大后的尺寸与原图相同");
  const scale = Math.max(width / src.width, height / src.height);
  return { spec: { op: "image.upscale", width, height, scale }, output: { width, height } };
}

function outpaint(
  req: Extract<ToolRequest, { op: "image.outpaint" }>,
  src: Size,
): Plan | { error: PlanError } {
  const creativity = req.creativity ?? DEFAULT_CREATIVITY;
  if (!(creativity >= 0 && creativity <= 1)) return fail("creativity", "creativity 须在 0–1 之间");
  const given = (["left", "right", "up", "down"] as const).filter((k) => req[k] !== undefined);
  let margins: { left: number; right: number; up: number; down: number };
  if (req.aspectRatio !== undefined) {
    if (given.length) return fail("aspect_ratio", "aspect_ratio 与 left/right/up/down 只能二选一");
    const m = ASPECT_RATIO.exec(req.aspectRatio);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
      return fail("aspect_ratio", "aspect_ratio 应为 宽:高，如 3:4");
    margins = marginsForAspect(src, req.aspectRatio);
  } else {
    margins = { left: req.left ?? 0, right: req.right ?? 0, up: req.up ?? 0, down: req.down ?? 0 };
  }
  for (const key of ["left", "right", "up", "down"] as const) {
    const v = margins[key];
    if (!Number.isInteger(v) || v < 0 || v > MAX_MARGIN)
      return fail(
        req.aspectRatio !== undefined ? "aspect_ratio" : key,
        req.aspectRatio !== undefined
          ? `扩展到 ${req.aspectRatio} 需要超过 ${MAX_MARGIN} 像素的边距`
          : `${key} 须为 0–${MAX_MARGIN} 之间的整数`,
      );
  }
  if (margins.left + margins.right + margins.up + margins.down === 0)
    return fail(
      req.aspectRatio !== undefined ? "aspect_ratio" : "left",
      req.aspectRatio !== undefined
        ? `图片已经是 ${req.aspectRatio}，无需扩展`
        : "left、right、up、down 至少有一个大于 0",
    );
  const output = {
    width: src.width + margins.left + margins.right,
    height: src.height + margins.up + margins.down,
  };
  const prompt = req.prompt?.trim() || null;
  return { spec: { op: "image.outpaint", ...margins, creativity, prompt }, output };
}

function background(
  req: Extract<ToolRequest, { op: "image.background" }>,
  src: Size,
): Plan | { error: PlanError } {
  if (req.mode !== "remove" && req.mode !== "replace")
    return fail("mode", "mode 只能是 remove 或 replace");
  const color = req.color?.trim() || null;
  if (color && !HEX_COLOR.test(color)) return fail("color", "color 应为 #RGB 或 #RRGGBB");
  const prompt = req.prompt?.trim() || null;
  const backgroundImage = !!req.backgroundImage;
  if (req.mode === "remove" && (color || backgroundImage))
    return fail(color ? "color" : "background", "mode=remove 时不接受背景颜色或背景图片");
  if (req.mode === "replace") {
    const given = [color, prompt, backgroundImage || null].filter(Boolean).length;
    if (given === 0)
      return fail("mode", "mode=replace 需要 prompt、color 或背景图片（background）之一");
    if (given > 1) return fail("mode", "prompt、color、背景图片只能给一个");
  }
  return {
    spec: { op: "image.background", mode: req.mode, color, prompt, backgroundImage },
    output: { ...src },
  };
}

/**
 * The plan of one tool call on a `src`-sized picture, or the parameter that makes it impossible.
 * `maxPixels` caps the output (the server passes UPLOAD_MAX_PIXELS · 16).
 */
export function planTool(
  req: ToolRequest,
  src: Size,
  maxPixels: number,
): Plan | { error: PlanError } {
  const plan =
    req.op === "image.upscale"
      ? upscale(req, src)
      : req.op === "image.outpaint"
        ? outpaint(req, src)
        : background(req, src);
  if ("error" in plan) return plan;
  const { width, height } = plan.output;
  const param =
    req.op === "image.upscale" ? (req.scale !== undefined ? "scale" : "width") : "image";
  if (width > MAX_SIDE || height > MAX_SIDE)
    return fail(param, `输出尺寸 ${width}×${height} 超过单边 ${MAX_SIDE} 像素的上限`);
  if (width * height > maxPixels)
    return fail(param, `输出尺寸 ${width}×${height} 超过 ${maxPixels} 像素的上限`);
  return plan;
}

/** The size a spec turns `src` into (the same numbers planTool reported). */
export function outputSize(spec: ToolSpec, src: Size): Size {
  if (spec.op === "image.upscale") return { width: spec.width, height: spec.height };
  if (spec.op === "image.outpaint")
    return {
      width: src.width + spec.left + spec.right,
      height: src.height + spec.up + spec.down,
    };
  return { ...src };
}

/**
 * The output format: as asked, else the source's — except that a removed background needs an
 * alpha channel, so it is PNG unless WebP was asked (JPEG has no transparency).
 */
export function outputFormat(
  spec: ToolSpec,
  source: OutputFormat,
  asked: OutputFormat | null,
): OutputFormat {
  if (spec.op === "image.background" && spec.mode === "remove")
    return asked === "webp" ? "webp" : "png";
  return asked ?? source;
}

export const TOOL_LABELS: Record<ToolOperation, string> = {
  "image.upscale": "放大",
  "image.outpaint": "扩图",
  "image.background": "背景",
};

/** A short Chinese description of a spec (workflow steps, task lists). */
export function describeSpec(spec: ToolSpec): string {
  if (spec.op === "image.upscale")
    return Number.isInteger(spec.scale)
      ? `放大 ${spec.scale}×`
      : `放大到 ${spec.width}×${spec.height}`;
  if (spec.op === "image.outpaint") return "扩展画面";
  return spec.mode === "remove" ? "移除背景" : "替换背景";
}
