import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, SMALL_JSON_MAX_BYTES, withAdmin } from "@/lib/api/handler";
import { createWorkflow } from "@/lib/workflows/admin";
import { listWorkflows } from "@/lib/workflows/repo";
import { workflowCreateSchema } from "@/lib/workflows/schema";

export const runtime = "nodejs";

export const GET = withAdmin(async () =>
  json({ items: await listWorkflows({ enabledOnly: false }) }),
);

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = workflowCreateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await createWorkflow(input, adminContext(user, ip)) }, { status: 201 });
});
