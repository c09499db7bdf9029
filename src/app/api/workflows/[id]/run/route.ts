import { withUser } from "@/lib/api/handler";
import { runWorkflowRequest } from "@/lib/workflows/run-request";

// Node runtime: the picture streams to a temp file.
export const runtime = "nodejs";

// Runs a workflow (by id or slug) on one picture: 202 with the run and its steps.
export const POST = withUser<{ id: string }>(async ({ req, user, ip, params }) =>
  runWorkflowRequest(req, user, ip, params.id),
);
