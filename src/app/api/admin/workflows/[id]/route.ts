import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, SMALL_JSON_MAX_BYTES, withAdmin } from "@/lib/api/handler";
import { deleteWorkflow, updateWorkflow } from "@/lib/workflows/admin";
import { workflowUpdateSchema } from "@/lib/workflows/schema";

export const runtime = "nodejs";

type Params = { id: string };

export const PATCH = withAdmin<Params>(async ({ req, params, user, ip }) => {
  const patch = workflowUpdateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await updateWorkflow(params.id, patch, adminContext(user, ip)) });
});

export const DELETE = withAdmin<Params>(async ({ params, user, ip }) => {
  await deleteWorkflow(params.id, adminContext(user, ip));
  return json({ ok: true, id: params.id });
});
