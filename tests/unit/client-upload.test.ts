import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkUpload, UPLOAD_MAX_BYTES } from "@/lib/client/images";

// The browser-side upload check mirrors the server: magic bytes, not the declared type.

const file = (bytes: Uint8Array | Buffer, name: string, type: string) =>
  new File([new Uint8Array(bytes)], name, { type });

describe("checkUpload", () => {
  it("accepts real PNG, JPEG and WebP pictures", async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } });
    expect(
      await checkUpload(file(await base.clone().png().toBuffer(), "a.png", "image/png")),
    ).toBeNull();
    expect(
      await checkUpload(file(await base.clone().jpeg().toBuffer(), "a.jpg", "image/jpeg")),
    ).toBeNull();
    expect(
      await checkUpload(file(await base.clone().webp().toBuffer(), "a.webp", "image/webp")),
    ).toBeNull();
  });

  it("refuses a file whose bytes are not a picture, whatever it claims", async () => {
    expect(await checkUpload(file(Buffer.from("hello"), "a.png", "image/png"))).toBe(
      "仅支持 PNG、JPEG 或 WebP 图片",
    );
    expect(await checkUpload(file(new Uint8Array(0), "a.png", "image/png"))).toBe("文件是空的");
  });

  it("refuses files over 10 MiB and non-PNG masks", async () => {
    const big = new Uint8Array(UPLOAD_MAX_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await checkUpload(file(big, "big.png", "image/png"))).toMatch(/超过 10 MB/);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    expect(await checkUpload(file(jpeg, "mask.jpg", "image/jpeg"), { pngOnly: true })).toBe(
      "遮罩必须是 PNG 图片",
    );
  });
});
