import { describe, expect, it } from "vitest";
import {
  draftToBody,
  emptyStep,
  workflowToDraft,
} from "@/components/admin/workflows/workflow-draft";
import { pricingSchema } from "@/lib/pricing/schema";
import { planChain, quoteStep } from "@/lib/workflows/chain";
import { PRESET_WORKFLOWS } from "@/lib/workflows/presets";
import { workflowCreateSchema, workflowStepSchema } from "@/lib/workflows/schema";

// Workflows as data: the presets are valid, a chain is planned step by step on the previous
// step's exact output, and the admin editor's drafts map onto the same schema.

const PRICING = pricingSchema.parse({
  "image.upscale": { perMegapixel: 2, scaleFactors: { "2": 1, "4": 1.5 }, minCredits: 1 },
  "image.outpaint": { perMegapixel: 3, creativityFactor: 0.5, minCredits: 1 },
  "image.background": { perMegapixel: 2, modeFactors: { remove: 1, replace: 1.5 }, minCredits: 1 },
  "image.edit": { perImage: 5 },
});

describe("workflow chains", () => {
  it("the presets parse and plan on a 640×480 photo", () => {
    const sizes = PRESET_WORKFLOWS.map((w) => {
      const chain = planChain(
        workflowCreateSchema.parse(w).steps,
        { width: 640, height: 480 },
        Infinity,
      );
      if ("error" in chain) throw new Error(chain.error.message);
      return chain.steps.map((s) => `${s.output.width}x${s.output.height}`);
    });
    expect(sizes).toEqual([
      ["640x480", "640x480", "1280x960"],
      ["640x853", "1280x1706"],
      ["2560x1920"],
    ]);
  });

  it("each step is priced on its own output", () => {
    const steps = workflowCreateSchema.parse(PRESET_WORKFLOWS[0]).steps;
    const chain = planChain(steps, { width: 640, height: 480 }, Infinity);
    if ("error" in chain) throw new Error();
    expect(chain.steps.map((s) => quoteStep(s, PRICING).credits)).toEqual([1, 1, 3]);
  });

  it("says which step cannot run on the picture", () => {
    const steps = [
      workflowStepSchema.parse({ tool: "image.upscale", params: { scale: 4 } }),
      workflowStepSchema.parse({ tool: "image.upscale", params: { scale: 4 } }),
    ];
    const chain = planChain(steps, { width: 2000, height: 2000 }, 16 * 4096 * 4096);
    expect("error" in chain && chain.error.step).toBe(1);
  });

  it("an edit step keeps the picture's size unless it names one", () => {
    const steps = [
      workflowStepSchema.parse({ tool: "image.edit", params: { prompt: "油画风格" } }),
    ];
    const chain = planChain(steps, { width: 512, height: 512 }, Infinity);
    if ("error" in chain) throw new Error();
    expect(chain.steps[0]).toMatchObject({ size: "512x512", prompt: "油画风格" });
    expect(quoteStep(chain.steps[0], PRICING).credits).toBe(5);
  });

  it("refuses steps that are not tools or have bad parameters", () => {
    for (const bad of [
      { tool: "image.upscale", params: { scale: 3 } },
      { tool: "image.background", params: { mode: "erase" } },
      { tool: "image.background", params: { mode: "replace", color: "red" } },
      { tool: "video.generate", params: {} },
      { tool: "image.outpaint", params: { aspectRatio: "tall" } },
    ])
      expect(workflowStepSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe("the admin editor's drafts", () => {
  it("round-trip a preset", () => {
    const view = {
      id: "wf_1",
      builtin: true,
      enabled: true,
      sort: 10,
      createdAt: "",
      updatedAt: "",
      description: "",
      ...workflowCreateSchema.parse(PRESET_WORKFLOWS[0]),
    };
    const { body, errors } = draftToBody(workflowToDraft(view as never));
    expect(errors).toEqual({});
    expect(body?.steps).toEqual(view.steps);
  });

  it("report errors by field path", () => {
    const draft = workflowToDraft(null);
    draft.slug = "Bad Slug";
    draft.steps = [{ ...emptyStep("image.background"), mode: "replace", color: "blue" }];
    const { body, errors } = draftToBody(draft);
    expect(body).toBeNull();
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(["slug", "name", "steps.0.params.color"]),
    );
  });
});
