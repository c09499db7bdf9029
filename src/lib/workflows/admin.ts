import "server-only";
import { type AdminContext, changes, recordAudit } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import type { WorkflowRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toWorkflowView } from "./repo";
import {
  workflowCreateSchema,
  workflowUpdateSchema,
  type WorkflowCreate,
  type WorkflowView,
} from "./schema";
import type { z } from "zod";

// Admin CRUD of workflows; every write is audited in the same transaction.

const slugTaken = () => new ApiError("conflict", "该工作流 slug 已被使用", { param: "slug" });
const isUniqueViolation = (err: unknown) =>
  ["23505", "SQLITE_CONSTRAINT_UNIQUE"].includes((err as { code?: string }).code ?? "");

async function rowOrThrow(id: string): Promise<WorkflowRow> {
  const row = await db.selectFrom("workflows").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new ApiError("not_found", "工作流不存在", { param: "id" });
  return row;
}

export async function createWorkflow(
  input: WorkflowCreate,
  ctx: AdminContext,
): Promise<WorkflowView> {
  const data = workflowCreateSchema.parse(input);
  const now = nowIso();
  const row: WorkflowRow = {
    id: newId("wf_"),
    slug: data.slug,
    name: data.name,
    description: data.description ?? "",
    steps: JSON.stringify(data.steps),
    enabled: data.enabled === false ? 0 : 1,
    sort: data.sort ?? 0,
    builtin: 0,
    createdAt: now,
    updatedAt: now,
  };
  const view = toWorkflowView(row);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("workflows").values(row).execute();
      await recordAudit(
        {
          ...ctx,
          action: "workflow.create",
          targetType: "workflow",
          targetId: row.id,
          diff: { after: view },
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return view;
}

export async function updateWorkflow(
  id: string,
  input: z.input<typeof workflowUpdateSchema>,
  ctx: AdminContext,
): Promise<WorkflowView> {
  const patch = workflowUpdateSchema.parse(input);
  const before = await rowOrThrow(id);
  const next: WorkflowRow = {
    ...before,
    ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.steps !== undefined ? { steps: JSON.stringify(patch.steps) } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
    updatedAt: nowIso(),
  };
  const view = toWorkflowView(next);
  try {
    await db.transaction().execute(async (trx) => {
      const { id: _id, createdAt: _c, ...values } = next;
      await trx.updateTable("workflows").set(values).where("id", "=", id).execute();
      await recordAudit(
        {
          ...ctx,
          action: "workflow.update",
          targetType: "workflow",
          targetId: id,
          diff: changes(toWorkflowView(before), view),
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return view;
}

/** Runs already started keep going: their steps are their own tasks. */
export async function deleteWorkflow(id: string, ctx: AdminContext): Promise<void> {
  const before = await rowOrThrow(id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("workflows").where("id", "=", id).execute();
    await recordAudit(
      {
        ...ctx,
        action: "workflow.delete",
        targetType: "workflow",
        targetId: id,
        diff: { before: toWorkflowView(before) },
      },
      trx,
    );
  });
}
