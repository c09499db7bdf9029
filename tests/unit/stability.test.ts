import { describe, expect, it } from "vitest";
import type { ToolSpec } from "@/lib/operations/tools/plan";
import { endpointFor, formFor, stabilityTasks, stabilityTools } from "@/lib/providers/stability";
import { endpointUrl, resultUrl } from "@/lib/providers/stability/api";
import type { ProviderAccess } from "@/lib/providers/access";

// Stability AI's v2beta wire as data: which endpoint a call uses, what its form carries, and how
// a results poll reads.

const bg = (p: Partial<Extract<ToolSpec, { op: "image.background" }>>): ToolSpec => ({
  op: "image.background",
  mode: "replace",
  color: null,
  prompt: null,
  backgroundImage: false,
  ...p,
});
const call = (upstreamModel: string, spec: ToolSpec) => ({ op: spec.op, upstreamModel, spec });
const up: ToolSpec = { op: "image.upscale", width: 1280, height: 960, scale: 2 };

describe("stability endpoints", () => {
  it.each([
    [call("upscale/fast", up), "upscale/fast", "sync"],
    [call("upscale/conservative", up), "upscale/conservative", "sync"],
    [call("upscale/creative", up), "upscale/creative", "task"],
    [call("something-else", up), "upscale/fast", "sync"],
    [
      call("edit/outpaint", {
        op: "image.outpaint",
        left: 1,
        right: 0,
        up: 0,
        down: 0,
        creativity: 0.5,
        prompt: null,
      }),
      "edit/outpaint",
      "sync",
    ],
    [
      call("edit/replace-background-and-relight", bg({ mode: "remove" })),
      "edit/remove-background",
      "sync",
    ],
    [
      call("edit/replace-background-and-relight", bg({ color: "#fff" })),
      "edit/remove-background",
      "sync",
    ],
    [
      call("edit/replace-background-and-relight", bg({ prompt: "beach" })),
      "edit/replace-background-and-relight",
      "task",
    ],
    [call("edit/search-and-replace", bg({ prompt: "beach" })), "edit/search-and-replace", "sync"],
    [
      call("edit/search-and-replace", bg({ backgroundImage: true })),
      "edit/replace-background-and-relight",
      "task",
    ],
  ])("%j → %s (%s)", (c, endpoint, mode) => {
    expect(endpointFor(c)).toBe(endpoint);
    expect(stabilityTools.mode(c)).toBe(mode);
  });

  it("joins the API origin, with or without /v2beta", () => {
    expect(endpointUrl("https://api.stability.ai", "edit/outpaint")).toBe(
      "https://api.stability.ai/v2beta/stable-image/edit/outpaint",
    );
    expect(endpointUrl("https://api.stability.ai/v2beta/", "upscale/fast")).toBe(
      "https://api.stability.ai/v2beta/stable-image/upscale/fast",
    );
    expect(resultUrl("https://x.test", "a/b")).toBe("https://x.test/v2beta/results/a%2Fb");
  });

  it("forms carry Stability's field names", () => {
    const img = { bytes: Buffer.from("x"), mime: "image/png" };
    const out = formFor(
      "edit/outpaint",
      { op: "image.outpaint", left: 10, right: 0, up: 5, down: 0, creativity: 0.3, prompt: "sea" },
      "jpeg",
      img,
      null,
    );
    expect([...out.keys()].sort()).toEqual([
      "creativity",
      "image",
      "left",
      "output_format",
      "prompt",
      "up",
    ]);
    expect(out.get("output_format")).toBe("jpeg");
    const cut = formFor("edit/remove-background", bg({ color: "#fff" }), "jpeg", img, null);
    expect(cut.get("output_format")).toBe("png");
    const relight = formFor(
      "edit/replace-background-and-relight",
      bg({ backgroundImage: true }),
      "png",
      img,
      img,
    );
    expect(relight.has("subject_image")).toBe(true);
    expect(relight.has("background_reference")).toBe(true);
    expect(relight.has("image")).toBe(false);
    const creative = formFor("upscale/creative", up, "png", img, null);
    expect(creative.get("prompt")).toMatch(/higher resolution/);
  });
});

describe("stability results polling", () => {
  const access = (status: number, body: unknown): ProviderAccess => ({
    slug: "stab",
    baseURL: "https://api.stability.test",
    apiKey: "sk-test",
    headers: {},
    local: false,
    fetch: (async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      })) as typeof fetch,
  });
  const signal = new AbortController().signal;

  it("202 is running; a picture is handed on inline; a filtered one fails as moderation", async () => {
    expect(
      await stabilityTasks.poll(
        access(202, { id: "j", status: "in-progress" }),
        "j",
        "image.upscale",
        signal,
      ),
    ).toEqual({
      state: "running",
      progress: null,
    });
    const done = await stabilityTasks.poll(
      access(200, { image: "aGVsbG8=", finish_reason: "SUCCESS" }),
      "j",
      "image.upscale",
      signal,
    );
    expect(done).toMatchObject({
      state: "succeeded",
      outputs: [{ type: "image", file: { url: "data:application/octet-stream;base64,aGVsbG8=" } }],
    });
    expect(
      await stabilityTasks.poll(
        access(200, { image: "aGk=", finish_reason: "CONTENT_FILTERED" }),
        "j",
        "image.upscale",
        signal,
      ),
    ).toMatchObject({
      state: "failed",
      error: { code: "moderation_blocked" },
    });
  });

  it("a 404 (expired result) is final, a 500 may pass; messages never carry the key", async () => {
    const gone = stabilityTasks.poll(
      access(404, { name: "not_found", errors: ["sk-test expired"] }),
      "j",
      "image.upscale",
      signal,
    );
    await expect(gone).rejects.toMatchObject({ retryable: false });
    await expect(gone).rejects.not.toThrow(/sk-test/);
    await expect(
      stabilityTasks.poll(access(500, {}), "j", "image.upscale", signal),
    ).rejects.toMatchObject({ retryable: true });
  });
});
