import "server-only";
import { defaultModelSlug } from "@/lib/catalog/default-model";
import { resolveModel } from "@/lib/catalog/resolve";
import type { PricingTable } from "@/lib/pricing/compute";
import { listWorkflows } from "./repo";
import type { WorkflowStep, WorkflowView } from "./schema";

// GET /api/workflows: the enabled workflows, each step with the model it would run on now (its
// own, else the default for its kind) and that model's price, so a page can show the price of a
// run with its breakdown before it starts — computed by the same pure functions the server uses.

export type StepModel = { slug: string; displayName: string; pricing: PricingTable } | null;
export type PublicWorkflow = Omit<
  WorkflowView,
  "enabled" | "builtin" | "createdAt" | "updatedAt" | "steps"
> & {
  steps: (WorkflowStep & { resolvedModel: StepModel })[];
};

async function modelFor(
  step: WorkflowStep,
  defaults: Map<string, string | null>,
): Promise<StepModel> {
  let slug = step.model ?? null;
  if (!slug) {
    if (!defaults.has(step.tool)) defaults.set(step.tool, await defaultModelSlug(step.tool));
    slug = defaults.get(step.tool) ?? null;
  }
  if (!slug) return null;
  try {
    const { model } = await resolveModel(slug, step.tool);
    return { slug: model.slug, displayName: model.displayName, pricing: model.pricing };
  } catch {
    return null;
  }
}

export async function publicWorkflows(): Promise<PublicWorkflow[]> {
  const defaults = new Map<string, string | null>();
  const out: PublicWorkflow[] = [];
  for (const w of await listWorkflows({ enabledOnly: true })) {
    const steps = [];
    for (const step of w.steps)
      steps.push({ ...step, resolvedModel: await modelFor(step, defaults) });
    out.push({
      id: w.id,
      slug: w.slug,
      name: w.name,
      description: w.description,
      sort: w.sort,
      steps,
    });
  }
  return out;
}
