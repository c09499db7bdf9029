import { json, withPublic } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { acceptWebhook } from "@/lib/tasks/webhook";

export const runtime = "nodejs";

const MAX_BODY = 1024 * 1024;

// Provider callbacks (Replicate webhooks, Kie callBackUrl). Authenticated by the task's token
// and the provider's signature; they only make the task due now (see src/lib/tasks/webhook.ts).
export const POST = withPublic<{ id: string }>(async ({ req, params }) => {
  if (Number(req.headers.get("content-length")) > MAX_BODY)
    throw new ApiError("payload_too_large", "回调请求体过大");
  const body = await req.text();
  if (body.length > MAX_BODY) throw new ApiError("payload_too_large", "回调请求体过大");
  const result = await acceptWebhook({
    taskId: params.id,
    token: req.nextUrl.searchParams.get("token"),
    headers: req.headers,
    body,
  });
  return json({ ok: true, ...result });
});
