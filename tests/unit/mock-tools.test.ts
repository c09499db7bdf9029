import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { planTool, type ToolRequest } from "@/lib/operations/tools/plan";
import { fitExact } from "@/lib/operations/tools/output";
import { mockTools, subjectAlpha } from "@/lib/providers/mock/tools";
import type { ToolJob } from "@/lib/providers/tool-types";

// The built-in mock's tools: exact sizes, deterministic bytes, and backgrounds found by filling
// from the borders — honest about working only on a plain backdrop.

async function product(width = 320, height = 240) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f0f0f0"/><rect x="80" y="60" width="160" height="120" fill="#2050c0"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function job(
  req: ToolRequest,
  bytes: Buffer,
  background: Buffer | null = null,
): Promise<ToolJob> {
  const meta = await sharp(bytes).metadata();
  const src = { width: meta.width!, height: meta.height! };
  const p = planTool(req, src, 1e9);
  if ("error" in p) throw new Error(p.error.message);
  return {
    op: req.op,
    upstreamModel: "mock-image-tools",
    spec: p.spec,
    output: {
      ...p.output,
      format: req.op === "image.background" && req.mode === "remove" ? "png" : "png",
    },
    image: { bytes, mime: "image/png", ...src },
    background: background ? { bytes: background, mime: "image/png", width: 10, height: 10 } : null,
  };
}

const run = async (j: ToolJob) => mockTools.run({} as never, j, new AbortController().signal);

async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    w: info.width,
    h: info.height,
    at: (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4),
    ],
  };
}

describe("mock image tools", () => {
  it("upscale makes exactly the asked size, the same bytes every time", async () => {
    const src = await product();
    const j = await job({ op: "image.upscale", width: 500 }, src);
    const [a, b] = [await run(j), await run(j)];
    expect(a.equals(b)).toBe(true);
    const p = await pixels(a);
    expect([p.w, p.h]).toEqual([500, 375]);
    expect(p.at(250, 187)).toEqual([32, 80, 192, 255]);
  });

  it("outpaint keeps the original in place and fills the margins with a mirrored blur", async () => {
    const src = await product();
    const out = await run(await job({ op: "image.outpaint", left: 100, up: 20 }, src));
    const p = await pixels(out);
    expect([p.w, p.h]).toEqual([420, 260]);
    expect(p.at(100 + 160, 20 + 120)).toEqual([32, 80, 192, 255]);
    // The left margin mirrors the picture (the box's mirror image lies in its first 20 px): it is
    // blue there, blurred — not a flat grey.
    const [r, , b] = p.at(5, 140);
    expect(b).toBeGreaterThan(r);
  });

  it("remove clears the backdrop reached from the borders and keeps the subject", async () => {
    const out = await run(await job({ op: "image.background", mode: "remove" }, await product()));
    const p = await pixels(out);
    expect(p.at(2, 2)[3]).toBe(0);
    expect(p.at(160, 120)).toEqual([32, 80, 192, 255]);
  });

  it("a backdrop colour enclosed by the subject is not reached, so it stays", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="100%" height="100%" fill="#ffffff"/><rect x="40" y="40" width="120" height="120" fill="none" stroke="#000" stroke-width="10"/></svg>`;
    const ring = await sharp(Buffer.from(svg)).png().toBuffer();
    const { data, info } = await sharp(ring)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const alpha = subjectAlpha({ data, width: info.width, height: info.height });
    expect(alpha[5 * 200 + 5]).toBe(0);
    expect(alpha[100 * 200 + 100]).toBe(255);
  });

  it("replace puts the subject on a colour, a picture, or the prompt's artwork", async () => {
    const src = await product();
    const colour = await pixels(
      await run(await job({ op: "image.background", mode: "replace", color: "#ff0000" }, src)),
    );
    expect(colour.at(2, 2)).toEqual([255, 0, 0, 255]);
    expect(colour.at(160, 120)).toEqual([32, 80, 192, 255]);
    const backdrop = await sharp({
      create: { width: 10, height: 10, channels: 3, background: "#00ff00" },
    })
      .png()
      .toBuffer();
    const pictured = await pixels(
      await run(
        await job(
          { op: "image.background", mode: "replace", backgroundImage: true },
          src,
          backdrop,
        ),
      ),
    );
    expect(pictured.at(2, 2)).toEqual([0, 255, 0, 255]);
    const drawn = await run(
      await job({ op: "image.background", mode: "replace", prompt: "海边日落" }, src),
    );
    const again = await run(
      await job({ op: "image.background", mode: "replace", prompt: "海边日落" }, src),
    );
    expect(drawn.equals(again)).toBe(true);
  });

  it("#fail in a prompt fails the call (not retryable)", async () => {
    await expect(
      run(await job({ op: "image.outpaint", left: 5, prompt: "#fail" }, await product())),
    ).rejects.toMatchObject({
      retryable: false,
    });
  });

  it("fitExact resamples a wrong size and re-encodes a wrong format, and keeps a right one", async () => {
    const src = await product();
    expect(await fitExact(src, { width: 320, height: 240, format: "png" })).toBe(src);
    const fitted = await fitExact(src, { width: 160, height: 100, format: "jpeg" });
    const meta = await sharp(fitted).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([160, 100, "jpeg"]);
  });
});
