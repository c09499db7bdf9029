import "server-only";
import { storage } from "@/lib/storage";
import { publicOrigin } from "@/lib/media/urls";
import type { ParsedTask } from "@/lib/tasks/model";

// The ImagesResponse of a finished image task: what a task-based image call answers, and what a
// completed requestId replays (same body, no new charge, no upstream call).

async function readBytes(key: string): Promise<Buffer> {
  const found = await storage.get(key);
  if (!found) throw new Error(`stored image ${key} is missing`);
  const chunks: Buffer[] = [];
  for await (const c of found.stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function imagesFromTask(req: Request, task: ParsedTask) {
  const reply = task.inputData.reply;
  const format = reply?.format ?? "url";
  const origin = publicOrigin(req);
  const data = [];
  for (const o of task.outputList) {
    data.push({
      ...(format !== "url" ? { b64_json: (await readBytes(o.key)).toString("base64") } : {}),
      ...(format !== "b64_json" ? { url: `${origin}${storage.url(o.key)}` } : {}),
      ...(o.revisedPrompt ? { revised_prompt: o.revisedPrompt } : {}),
      ...(o.assetId ? { assetId: o.assetId } : {}),
    });
  }
  const created =
    reply?.created || Math.floor(Date.parse(task.finishedAt ?? task.createdAt) / 1000);
  return { created, data };
}
