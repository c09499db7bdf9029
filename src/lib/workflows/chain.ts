import type { ToolOperation } from "@/lib/operations/registry";
import {
  describeSpec,
  type PlanError,
  planTool,
  type Size,
  type ToolRequest,
  type ToolSpec,
} from "@/lib/operations/tools/plan";
import { imageCost, type PricingTable } from "@/lib/pricing/compute";
import { type PriceLine, toolQuote } from "@/lib/pricing/tools";
import { STEP_KIND_LABEL, type WorkflowStep } from "./schema";

// A workflow's steps worked out on one picture before anything runs: each step's input size (the
// previous step's exact output), its own output size, and its price on the model that will run
// it. This is how a run is priced up front (every step's hold is taken at the start) and how the
// creator shows the breakdown. Pure: the page and the server compute the same numbers.

export type ChainStep = {
  index: number;
  kind: WorkflowStep["tool"];
  label: string;
  input: Size;
  output: Size;
  /** Tools only: the resolved call. */
  spec: ToolSpec | null;
  /** Generate / edit: the size asked of the model. */
  size: string | null;
  prompt: string | null;
};

function toolRequest(step: WorkflowStep): ToolRequest | null {
  switch (step.tool) {
    case "image.upscale":
      return { op: "image.upscale", ...step.params };
    case "image.outpaint":
      return { op: "image.outpaint", ...step.params };
    case "image.background":
      return { op: "image.background", ...step.params };
    default:
      return null;
  }
}

const parseSize = (s: string): Size => {
  const [w, h] = s.split("x").map(Number);
  return { width: w, height: h };
};

/** Plans every step on a `src`-sized picture, or the first step that cannot run on it. */
export function planChain(
  steps: WorkflowStep[],
  src: Size,
  maxPixels: number,
): { steps: ChainStep[] } | { error: PlanError & { step: number } } {
  const out: ChainStep[] = [];
  let current = src;
  for (const [index, step] of steps.entries()) {
    const req = toolRequest(step);
    if (req) {
      const plan = planTool(req, current, maxPixels);
      if ("error" in plan) return { error: { ...plan.error, step: index } };
      out.push({
        index,
        kind: step.tool,
        label: step.label ?? describeSpec(plan.spec),
        input: current,
        output: plan.output,
        spec: plan.spec,
        size: null,
        prompt: plan.spec.op === "image.upscale" ? null : plan.spec.prompt,
      });
      current = plan.output;
      continue;
    }
    const params = step.params as { prompt: string; size?: string };
    const size =
      params.size ??
      (step.tool === "image.edit" ? `${current.width}x${current.height}` : "1024x1024");
    const output = parseSize(size);
    if (output.width * output.height > maxPixels)
      return {
        error: { param: "steps", message: `第 ${index + 1} 步的尺寸 ${size} 过大`, step: index },
      };
    out.push({
      index,
      kind: step.tool,
      label: step.label ?? STEP_KIND_LABEL[step.tool],
      input: current,
      output,
      spec: null,
      size,
      prompt: params.prompt,
    });
    current = output;
  }
  return { steps: out };
}

export type StepQuote = { credits: number; lines: PriceLine[] };

/** One planned step's price on a model's pricing. */
export function quoteStep(step: ChainStep, pricing: PricingTable): StepQuote {
  if (step.spec) {
    const spec = step.spec;
    return toolQuote(pricing, step.kind as ToolOperation, {
      ...step.output,
      scale: spec.op === "image.upscale" ? spec.scale : null,
      creativity: spec.op === "image.outpaint" ? spec.creativity : null,
      mode: spec.op === "image.background" ? spec.mode : null,
    });
  }
  const op = step.kind as "image.generate" | "image.edit";
  const credits = imageCost(pricing, op, { n: 1, size: step.size });
  const p = pricing[op];
  return {
    credits,
    lines: [{ label: "每张", detail: p ? `${p.perImage} 积分 × 尺寸系数` : "免费" }],
  };
}
