import type { ToolOperation } from "@/lib/operations/registry";
import type { Size, ToolRequest } from "@/lib/operations/tools/plan";
import type { ChainStep } from "@/lib/workflows/chain";

// The tools form's state and what it means: the request the plan (and the server) sees, the
// form fields sent, and where the original sits inside the result (for the before/after view).

export type UpscaleState = { by: "scale" | "size"; scale: 2 | 4; width: string; height: string };
export type OutpaintState = {
  by: "aspect" | "margins";
  aspect: string;
  left: string;
  right: string;
  up: string;
  down: string;
  creativity: number;
  prompt: string;
};
export type BackgroundState = {
  mode: "remove" | "replace";
  with: "color" | "prompt" | "image";
  color: string;
  prompt: string;
  image: File | null;
};
export type ToolState = {
  upscale: UpscaleState;
  outpaint: OutpaintState;
  background: BackgroundState;
};

export const INITIAL_TOOL_STATE: ToolState = {
  upscale: { by: "scale", scale: 2, width: "", height: "" },
  outpaint: {
    by: "aspect",
    aspect: "3:4",
    left: "100",
    right: "100",
    up: "0",
    down: "0",
    creativity: 0.5,
    prompt: "",
  },
  background: { mode: "remove", with: "color", color: "#f2f2f2", prompt: "", image: null },
};

const int = (s: string) => (s.trim() === "" ? undefined : Number(s));

export function toolRequest(op: ToolOperation, s: ToolState): ToolRequest {
  if (op === "image.upscale")
    return s.upscale.by === "scale"
      ? { op, scale: s.upscale.scale }
      : { op, width: int(s.upscale.width), height: int(s.upscale.height) };
  if (op === "image.outpaint") {
    const o = s.outpaint;
    const common = { creativity: o.creativity, prompt: o.prompt.trim() || undefined };
    return o.by === "aspect"
      ? { op, aspectRatio: o.aspect, ...common }
      : { op, left: int(o.left), right: int(o.right), up: int(o.up), down: int(o.down), ...common };
  }
  const b = s.background;
  if (b.mode === "remove") return { op, mode: "remove" };
  return {
    op,
    mode: "replace",
    ...(b.with === "color" ? { color: b.color } : {}),
    ...(b.with === "prompt" ? { prompt: b.prompt } : {}),
    ...(b.with === "image" ? { backgroundImage: !!b.image } : {}),
  };
}

/** The multipart fields of a request (the picture goes separately). */
export function requestFields(req: ToolRequest): Record<string, string | number | undefined> {
  const { op: _op, ...rest } = req;
  const out: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined || typeof v === "boolean") continue;
    out[k === "aspectRatio" ? "aspect_ratio" : k] = v as string | number;
  }
  return out;
}

/** Where the original lies in the final picture, as fractions (outpainting moves it). */
export type Rect = { x: number; y: number; w: number; h: number };

export function originalRect(steps: Pick<ChainStep, "spec" | "input" | "output">[]): Rect {
  let r: Rect = { x: 0, y: 0, w: 1, h: 1 };
  for (const s of steps) {
    if (s.spec?.op !== "image.outpaint") continue;
    const { input, output } = s as { input: Size; output: Size };
    r = {
      x: (s.spec.left + r.x * input.width) / output.width,
      y: (s.spec.up + r.y * input.height) / output.height,
      w: (r.w * input.width) / output.width,
      h: (r.h * input.height) / output.height,
    };
  }
  return r;
}
