// The workflow editor's state ↔ the admin API body. Numbers stay strings while typed; the shared
// zod schema (the one the API parses with) is the single judge of what is valid.
import {
  type WorkflowCreate,
  workflowCreateSchema,
  type WorkflowStep,
  type WorkflowStepKind,
  type WorkflowView,
} from "@/lib/workflows/schema";

export type StepDraft = {
  tool: WorkflowStepKind;
  label: string;
  model: string;
  scale: string;
  aspectRatio: string;
  creativity: string;
  mode: "remove" | "replace";
  color: string;
  prompt: string;
  size: string;
};

export type WorkflowDraft = {
  slug: string;
  name: string;
  description: string;
  enabled: boolean;
  sort: string;
  steps: StepDraft[];
};

export const emptyStep = (tool: WorkflowStepKind = "image.upscale"): StepDraft => ({
  tool,
  label: "",
  model: "",
  scale: "2",
  aspectRatio: "3:4",
  creativity: "0.5",
  mode: "remove",
  color: "",
  prompt: "",
  size: "",
});

function stepToDraft(s: WorkflowStep): StepDraft {
  const d = { ...emptyStep(s.tool), label: s.label ?? "", model: s.model ?? "" };
  const p = s.params as Record<string, unknown>;
  if (typeof p.scale === "number") d.scale = String(p.scale);
  if (typeof p.aspectRatio === "string") d.aspectRatio = p.aspectRatio;
  if (typeof p.creativity === "number") d.creativity = String(p.creativity);
  if (p.mode === "remove" || p.mode === "replace") d.mode = p.mode;
  if (typeof p.color === "string") d.color = p.color;
  if (typeof p.prompt === "string") d.prompt = p.prompt;
  if (typeof p.size === "string") d.size = p.size;
  return d;
}

export function workflowToDraft(w: WorkflowView | null): WorkflowDraft {
  return {
    slug: w?.slug ?? "",
    name: w?.name ?? "",
    description: w?.description ?? "",
    enabled: w?.enabled ?? true,
    sort: String(w?.sort ?? 0),
    steps: w?.steps.map(stepToDraft) ?? [emptyStep()],
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);
const optNum = (s: string) => (s.trim() ? Number(s) : undefined);

function draftToStep(d: StepDraft): unknown {
  const common = {
    tool: d.tool,
    ...(opt(d.label) ? { label: opt(d.label) } : {}),
    ...(opt(d.model) ? { model: opt(d.model) } : {}),
  };
  switch (d.tool) {
    case "image.upscale":
      return { ...common, params: { scale: optNum(d.scale) } };
    case "image.outpaint":
      return {
        ...common,
        params: {
          aspectRatio: opt(d.aspectRatio),
          creativity: optNum(d.creativity),
          prompt: opt(d.prompt),
        },
      };
    case "image.background":
      return {
        ...common,
        params: {
          mode: d.mode,
          ...(d.mode === "replace" ? { color: opt(d.color), prompt: opt(d.prompt) } : {}),
        },
      };
    default:
      return { ...common, params: { prompt: d.prompt.trim(), size: opt(d.size) } };
  }
}

/** The API body, or the errors keyed by field path ("steps.1.params.color"). */
export function draftToBody(d: WorkflowDraft): {
  body: WorkflowCreate | null;
  errors: Record<string, string>;
} {
  const raw = {
    slug: d.slug.trim(),
    name: d.name.trim(),
    description: d.description.trim(),
    enabled: d.enabled,
    sort: Number(d.sort) || 0,
    steps: d.steps.map(draftToStep),
  };
  const parsed = workflowCreateSchema.safeParse(raw);
  if (parsed.success) return { body: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { body: null, errors };
}
