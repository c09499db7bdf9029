import "server-only";
import type { Metadata } from "sharp";
import { sharp } from "@/lib/media/sharp";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { fetchOutboundBuffer } from "@/lib/net/outbound";
import { storage } from "@/lib/storage";

// Every image a provider returns is stored by us before we answer, so clients only ever see our
// own media URLs. Provider URLs are fetched through the outbound guard (public addresses or the
// provider's own host only, size cap, short timeout); anything that is not a decodable image is
// the provider's failure (502), and nothing stays stored when one fails.

export const MAX_RESULT_BYTES = 50 * 1024 * 1024;

export type ProviderImage = {
  b64_json?: string | null;
  url?: string | null;
  revised_prompt?: string | null;
};
export type StoredImage = {
  key: string;
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
  revisedPrompt: string | null;
};

const FORMATS: Record<string, { ext: string; type: string }> = {
  png: { ext: "png", type: "image/png" },
  jpeg: { ext: "jpg", type: "image/jpeg" },
  webp: { ext: "webp", type: "image/webp" },
  gif: { ext: "gif", type: "image/gif" },
};

/** Which provider answered, and the host of its baseURL (its own files may be fetched there). */
export type ProviderRef = { slug: string; host: string | null };

export function providerRef(p: { slug: string; baseURL: string }): ProviderRef {
  try {
    return { slug: p.slug, host: new URL(p.baseURL).hostname };
  } catch {
    return { slug: p.slug, host: null };
  }
}

const bad = (provider: string, message: string) =>
  new ApiError("upstream_error", message, { provider });

async function download(url: string, provider: ProviderRef): Promise<Buffer> {
  const data = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(url);
  if (data) return Buffer.from(data[1], "base64");
  try {
    return await fetchOutboundBuffer(url, {
      trustedHosts: provider.host ? [provider.host] : [],
      timeoutMs: env.OUTBOUND_TIMEOUT_MS,
      maxBytes: MAX_RESULT_BYTES,
    });
  } catch (err) {
    // One message whatever went wrong: the reason (blocked address, port state, status) would
    // tell a caller about our network. It goes to our log only, without the URL's path/query.
    logger.warn(
      { provider: provider.slug, host: safeHost(url), reason: (err as Error).message },
      "result download failed",
    );
    throw bad(provider.slug, `上游服务 ${provider.slug} 返回的结果无法下载`);
  }
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

async function storeOne(
  item: ProviderImage,
  ref: ProviderRef,
  stored: string[],
): Promise<StoredImage> {
  const provider = ref.slug;
  let bytes: Buffer;
  if (item.b64_json) bytes = Buffer.from(item.b64_json, "base64");
  else if (item.url) bytes = await download(item.url, ref);
  else throw bad(provider, `上游服务 ${provider} 返回的结果中没有图片`);
  if (bytes.length > MAX_RESULT_BYTES) throw bad(provider, "上游返回的图片过大");

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
  } catch {
    throw bad(provider, `上游服务 ${provider} 返回的图片无法解析`);
  }
  const format = FORMATS[meta.format ?? ""];
  if (!format || !meta.width || !meta.height)
    throw bad(provider, `上游服务 ${provider} 返回的图片格式不受支持`);
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
  const key = `gen/${day}/${newId()}.${format.ext}`;
  await storage.put(key, bytes, format.type);
  stored.push(key);
  return {
    key,
    bytes,
    contentType: format.type,
    width: meta.width,
    height: meta.pageHeight ?? meta.height,
    revisedPrompt: item.revised_prompt ?? null,
  };
}

/** Stores all images in order, or none: on any failure the ones already stored are deleted. */
export async function storeProviderImages(
  items: ProviderImage[],
  provider: ProviderRef,
): Promise<StoredImage[]> {
  const stored: string[] = [];
  try {
    const out: StoredImage[] = [];
    for (const item of items) out.push(await storeOne(item, provider, stored));
    return out;
  } catch (err) {
    await Promise.allSettled(stored.map((key) => storage.delete(key)));
    throw err;
  }
}

/** Deletes stored images when the call fails after they were stored (e.g. settling failed). */
export async function discardImages(images: StoredImage[]): Promise<void> {
  await Promise.allSettled(images.map((img) => storage.delete(img.key)));
}
