import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { json } from "@/lib/api/handler";
import type { UserRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { publicOrigin } from "@/lib/media/urls";
import { imageRef } from "@/lib/operations/tools/schema";
import { discardSources, withToolSources } from "@/lib/operations/tools/source";
import { getProjectOrThrow } from "@/lib/projects/repo";
import { callerRules, enforceLimits } from "@/lib/rate-limit";
import { isLive, WORKFLOW_KIND } from "@/lib/tasks/model";
import { completedByRequest, getTask } from "@/lib/tasks/repo";
import { waitForTask } from "@/lib/tasks/wait";
import { getWorkflowOrThrow } from "./repo";
import { planWorkflowRun, startWorkflow } from "./start";
import { workflowRunView } from "./views";

// POST /api/workflows/{id}/run: one picture (multipart `image`, or `image` as a URL — one of our
// own media URLs included) through every step of a workflow. Answers 202 with the run (its steps
// listed), or with wait=true the run once it has ended (200), if that is within AI_TIMEOUT_MS.

const bool = z.preprocess(
  (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v),
  z.boolean(),
);

const runSchema = z.looseObject({
  image: imageRef.optional(),
  requestId: z
    .string()
    .trim()
    .min(1)
    .max(180, "requestId 最长 180 个字符")
    .regex(/^[\x21-\x7e]+$/, "requestId 只能包含可见 ASCII 字符")
    .optional(),
  persist: bool.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  tags: z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().trim().min(1).max(30)).max(10, "最多 10 个标签"),
    )
    .optional(),
  project_id: z.string().trim().min(1).max(100).optional(),
  projectId: z.string().trim().min(1).max(100).optional(),
  wait: bool.optional(),
});

export async function runWorkflowRequest(
  req: NextRequest,
  user: UserRow,
  ip: string,
  idOrSlug: string,
): Promise<Response> {
  const limits = await enforceLimits(callerRules(user.id, ip));
  const workflow = await getWorkflowOrThrow(idOrSlug);
  let body: z.infer<typeof runSchema> | null = null;
  const res = await withToolSources(
    req,
    (fields) => {
      body = runSchema.parse(fields);
    },
    async (sources) => {
      const b = body!;
      const origin = publicOrigin(req);
      const header = req.headers.get("idempotency-key")?.trim();
      const requestId =
        b.requestId ?? (header ? runSchema.shape.requestId.parse(header) : null) ?? newId("req_");
      const replay = await completedByRequest(user.id, requestId, WORKFLOW_KIND);
      if (replay) {
        await discardSources(sources);
        return json(await workflowRunView(replay, origin));
      }
      if (sources.background)
        throw new ApiError("invalid_request", "工作流只接受一张图片（image）", {
          param: "background",
        });
      const projectRef = b.project_id ?? b.projectId;
      const projectId = projectRef
        ? (await getProjectOrThrow({ id: projectRef, ownerId: user.id })).id
        : null;
      const source = sources.image!;
      const steps = await planWorkflowRun(workflow, source);
      const run = await startWorkflow(
        user,
        workflow,
        { key: source.key, mime: source.mime, width: source.width, height: source.height },
        steps,
        { requestId, persist: b.persist === true, title: b.title, tags: b.tags, projectId },
      );
      source.owned = false;
      if (!b.wait) return json(await workflowRunView(run, origin), { status: 202 });
      const done = await waitForTask(run.id, env.AI_TIMEOUT_MS);
      const now = done ?? (await getTask(run.id))!;
      return json(await workflowRunView(now, origin), { status: isLive(now.status) ? 202 : 200 });
    },
  );
  for (const [k, v] of Object.entries(limits)) res.headers.set(k, v);
  return res;
}
