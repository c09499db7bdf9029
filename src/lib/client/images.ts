import { apiFetch, networkError, postJson, readError } from "./http";

// Image generation (JSON) and editing (multipart) against the app's API (contract §5).

export type ImageResult = { src: string; revisedPrompt?: string; assetId?: string };
// `assetId` is this app's addition: present when the image was published (persist: true).
type ImagesResponse = {
  created: number;
  data: { url?: string; b64_json?: string; revised_prompt?: string; assetId?: string }[];
};

function toResults(body: ImagesResponse): ImageResult[] {
  return (body.data ?? [])
    .map((d) => ({
      src: d.url ?? (d.b64_json ? `data:image/png;base64,${d.b64_json}` : ""),
      revisedPrompt: d.revised_prompt,
      assetId: d.assetId,
    }))
    .filter((r) => r.src);
}

export type GenerateInput = {
  model: string;
  prompt: string;
  n: number;
  size?: string;
  quality?: string;
  persist: boolean;
  requestId: string;
};

export async function generateImages(
  input: GenerateInput,
  signal?: AbortSignal,
): Promise<ImageResult[]> {
  // Only the URL: the answer would otherwise carry every image twice (url and b64_json).
  const body = await postJson<ImagesResponse>(
    "/api/ai/images/generations",
    { ...input, response_format: "url" },
    signal,
  );
  return toResults(body);
}

export type EditInput = Omit<GenerateInput, "quality"> & { image: File; mask?: File | null };

export async function editImages(input: EditInput, signal?: AbortSignal): Promise<ImageResult[]> {
  const form = new FormData();
  form.append("image", input.image, input.image.name);
  if (input.mask) form.append("mask", input.mask, input.mask.name);
  form.append("prompt", input.prompt);
  form.append("model", input.model);
  form.append("n", String(input.n));
  if (input.size) form.append("size", input.size);
  form.append("requestId", input.requestId);
  form.append("persist", String(input.persist));
  form.append("response_format", "url");
  let res: Response;
  try {
    res = await apiFetch("/api/ai/images/edits", { method: "POST", body: form, signal });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await readError(res);
  return toResults((await res.json()) as ImagesResponse);
}

// Mirrors the server's upload rules (contract §5): PNG, JPEG or WebP judged by their magic bytes,
// at most 10 MiB per file; a mask must be PNG.
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export type ImageKind = "png" | "jpeg" | "webp";

export function sniffImage(head: Uint8Array): ImageKind | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (at(0, [0xff, 0xd8, 0xff])) return "jpeg";
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "webp";
  return null;
}

/** null when the file is acceptable, else the reason in the words the user sees. */
export async function checkUpload(
  file: File,
  opts: { pngOnly?: boolean } = {},
): Promise<string | null> {
  if (file.size === 0) return "文件是空的";
  if (file.size > UPLOAD_MAX_BYTES)
    return `文件超过 10 MB（当前 ${(file.size / 1024 / 1024).toFixed(1)} MB）`;
  const kind = sniffImage(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (opts.pngOnly) return kind === "png" ? null : "遮罩必须是 PNG 图片";
  return kind ? null : "仅支持 PNG、JPEG 或 WebP 图片";
}
