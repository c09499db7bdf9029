import "server-only";
import { publicOrigin } from "@/lib/media/urls";
import { storage } from "@/lib/storage";
import type { ParsedTask, TaskOutput } from "@/lib/tasks/model";
import { readStored } from "./output";

// A tool's answer, OpenAI ImagesResponse-style: {created, data:[{url}|{b64_json}], size,
// output_format}, plus `task_id`, the call's record in /api/tasks (to publish it later). `url` (our own media URL) unless the call asked for b64_json — tool outputs
// can be large, so both are never sent by default. The same body answers a replay of the
// requestId and a task-mode call that was waited for.

type Fresh = {
  /** The call's record (GET /api/tasks/{id}, POST /api/tasks/{id}/publish). */
  taskId: string;
  created: number;
  format: "url" | "b64_json" | "both";
  outputs: TaskOutput[];
  /** The bytes, when still in memory. */
  bytes?: Buffer[];
};

const EXT_FORMAT: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
};

export async function toolAnswer(req: Request, from: Fresh | ParsedTask) {
  const fresh: Fresh =
    "outputList" in from
      ? {
          taskId: from.id,
          created:
            from.inputData.reply?.created ||
            Math.floor(Date.parse(from.finishedAt ?? from.createdAt) / 1000),
          format: from.inputData.reply?.format ?? "url",
          outputs: from.outputList,
        }
      : from;
  const origin = publicOrigin(req);
  const data = [];
  for (const [i, o] of fresh.outputs.entries()) {
    const b64 =
      fresh.format !== "url"
        ? (fresh.bytes?.[i] ?? (await readStored(o.key))).toString("base64")
        : null;
    data.push({
      ...(b64 !== null ? { b64_json: b64 } : {}),
      ...(fresh.format !== "b64_json" ? { url: `${origin}${storage.url(o.key)}` } : {}),
      ...(o.assetId ? { assetId: o.assetId } : {}),
    });
  }
  const first = fresh.outputs[0];
  return {
    created: fresh.created,
    data,
    task_id: fresh.taskId,
    ...(first?.width && first.height ? { size: `${first.width}x${first.height}` } : {}),
    ...(first ? { output_format: EXT_FORMAT[first.contentType] ?? first.contentType } : {}),
  };
}
