import "server-only";
import { db, nowIso } from "@/lib/db";
import type { WorkflowRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { PRESET_WORKFLOWS } from "./presets";
import {
  workflowCreateSchema,
  workflowStepSchema,
  type WorkflowStep,
  type WorkflowView,
} from "./schema";

// Reading workflows, and seeding the presets.

export function parseSteps(raw: string): WorkflowStep[] {
  try {
    const list = JSON.parse(raw) as unknown[];
    return list.map((s) => workflowStepSchema.parse(s));
  } catch {
    return [];
  }
}

export function toWorkflowView(row: WorkflowRow): WorkflowView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    steps: parseSteps(row.steps),
    enabled: Boolean(row.enabled),
    sort: Number(row.sort),
    builtin: Boolean(row.builtin),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listWorkflows(opts: { enabledOnly: boolean }): Promise<WorkflowView[]> {
  let q = db.selectFrom("workflows").selectAll();
  if (opts.enabledOnly) q = q.where("enabled", "=", 1);
  const rows = await q.orderBy("sort").orderBy("slug").execute();
  return rows.map(toWorkflowView).filter((w) => w.steps.length > 0);
}

/** By id or slug; a disabled workflow is not found unless `includeDisabled`. */
export async function getWorkflowOrThrow(
  idOrSlug: string,
  opts: { includeDisabled?: boolean } = {},
): Promise<WorkflowView> {
  const row = await db
    .selectFrom("workflows")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", idOrSlug), eb("slug", "=", idOrSlug)]))
    .executeTakeFirst();
  if (!row || (!row.enabled && !opts.includeDisabled))
    throw new ApiError("not_found", "工作流不存在或已停用", { param: "id" });
  return toWorkflowView(row);
}

/** Adds the preset workflows that are missing (by slug); an admin's edits are kept. */
export async function seedPresetWorkflows(): Promise<number> {
  let added = 0;
  for (const preset of PRESET_WORKFLOWS) {
    const data = workflowCreateSchema.parse(preset);
    const now = nowIso();
    try {
      const res = await db
        .insertInto("workflows")
        .values({
          id: newId("wf_"),
          slug: data.slug,
          name: data.name,
          description: data.description ?? "",
          steps: JSON.stringify(data.steps),
          enabled: 1,
          sort: data.sort ?? 0,
          builtin: 1,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .executeTakeFirst();
      added += Number(res.numInsertedOrUpdatedRows ?? 0);
    } catch (err) {
      logger.warn(
        { slug: data.slug, err: { message: (err as Error).message } },
        "preset not seeded",
      );
    }
  }
  return added;
}
