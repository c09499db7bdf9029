import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pricingSchema } from "@/lib/pricing/schema";
import { toolCost } from "@/lib/pricing/tools";
import { MOCK_MODELS } from "@/lib/providers/mock/catalog";
import { api, type App, startApp } from "../helpers/app";
import { grantCredits, tempEntries } from "../helpers/images";
import {
  balance,
  dataUrl,
  expectUserLedger,
  fetchPicture,
  imagePart,
  photo,
  postMultipart,
  readPicture,
  storedInputs,
  taskCount,
} from "../helpers/tools";

// The image tools on the built-in mock, through the wire a developer uses: the official SDK's
// generic client.post (JSON, the picture as a data URL or one of our media URLs) and plain fetch
// (multipart). Output sizes are exact; bad input is refused before anything is held or kept.

const PRICING = pricingSchema.parse(
  MOCK_MODELS.find((m) => m.slug === "mock-image-tools")!.pricing,
);
const MAX_PIXELS = 1_000_000;

let app: App;
let user: Awaited<ReturnType<App["register"]>>;
let client: OpenAI;
let png: Buffer;

beforeAll(async () => {
  // A small input limit makes "too many pixels" cheap to test (outputs may be 16× that).
  app = await startApp({ UPLOAD_MAX_PIXELS: String(MAX_PIXELS) });
  user = await app.register();
  await grantCredits(app, user.id, 400);
  client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: user.token, maxRetries: 0 });
  png = await photo();
});
afterAll(async () => app?.stop());

type Answer = {
  created: number;
  data: { url?: string; b64_json?: string }[];
  size: string;
  task_id: string;
};

describe("tools through the SDK's client.post and plain fetch", () => {
  it("upscale 2× of 640×480 is exactly 1280×960, charged its megapixel price", async () => {
    const before = await balance(app, user.token);
    const res = await client.post<Answer>("/images/upscale", {
      body: { model: "mock-image-tools", image: dataUrl(png), scale: 2 },
    });
    expect(res.size).toBe("1280x960");
    expect(res.data).toHaveLength(1);
    const pic = await fetchPicture(res.data[0].url!);
    expect([pic.width, pic.height]).toEqual([1280, 960]);
    // The disc is still red in the middle, the backdrop still grey at the edge: resampled, not drawn.
    expect(pic.at(640, 480).slice(0, 3)).toEqual([192, 48, 48]);
    const cost = toolCost(PRICING, "image.upscale", { width: 1280, height: 960, scale: 2 });
    expect(cost).toBe(3);
    expect(await balance(app, user.token)).toBe(before - cost);
    await expectUserLedger(app, user.id);
  });

  it("outpaint left=100 on 640×480 is exactly 740×480 (multipart, plain fetch)", async () => {
    const res = await postMultipart(app, user.token, "/v1/images/outpaint", [
      imagePart(png),
      { name: "left", value: "100" },
      { name: "model", value: "mock-image-tools" },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("740x480");
    const pic = await fetchPicture(res.body.data[0].url);
    expect([pic.width, pic.height]).toEqual([740, 480]);
    // The original sits 100 px in; the new margin is filled (mirrored and blurred), never empty.
    expect(pic.at(100 + 320, 240).slice(0, 3)).toEqual([192, 48, 48]);
    expect(pic.at(10, 10)[3]).toBe(255);
    await expectUserLedger(app, user.id);
  });

  it("background remove answers a transparent backdrop; replace puts the subject on a colour", async () => {
    const removed = await client.post<Answer>("/images/background", {
      body: { image: dataUrl(png), mode: "remove", response_format: "b64_json" },
    });
    expect(removed.data[0].url).toBeUndefined();
    const cut = await readPicture(Buffer.from(removed.data[0].b64_json!, "base64"));
    expect([cut.width, cut.height, cut.format, cut.hasAlpha]).toEqual([640, 480, "png", true]);
    expect(cut.at(5, 5)[3]).toBe(0);
    expect(cut.at(320, 240)).toEqual([192, 48, 48, 255]);

    const replaced = await postMultipart(app, user.token, "/api/ai/images/background", [
      imagePart(png),
      { name: "mode", value: "replace" },
      { name: "color", value: "#102030" },
    ]);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const onColour = await fetchPicture(replaced.body.data[0].url);
    expect(onColour.at(5, 5)).toEqual([16, 32, 48, 255]);
    expect(onColour.at(320, 240)).toEqual([192, 48, 48, 255]);
    await expectUserLedger(app, user.id);
  });

  it("a width alone keeps the aspect ratio; 4× is 2560×1920; the /api/ai twin answers the same", async () => {
    const byWidth = await client.post<Answer>("/images/upscale", {
      body: { image: dataUrl(png), width: 1000 },
    });
    expect(byWidth.size).toBe("1000x750");
    const res = await api(app, user.token)("/api/ai/images/upscale", {
      body: { image: dataUrl(png), scale: 4 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("2560x1920");
    const pic = await fetchPicture(res.body.data[0].url);
    expect([pic.width, pic.height]).toEqual([2560, 1920]);
    await expectUserLedger(app, user.id);
  });

  it("one of our own media URLs works as the picture, absolute or as a path", async () => {
    const first = await client.post<Answer>("/images/background", {
      body: { image: dataUrl(png), mode: "remove" },
    });
    const url = first.data[0].url!;
    const absolute = await client.post<Answer>("/images/upscale", {
      body: { image: url, scale: 2 },
    });
    expect(absolute.size).toBe("1280x960");
    const path = new URL(url).pathname;
    const relative = await client.post<Answer>("/images/outpaint", {
      body: { image: path, aspect_ratio: "1:1" },
    });
    expect(relative.size).toBe("640x640");
    // A refused call on someone's media never touches the media itself.
    const bad = await api(app, user.token)("/v1/images/upscale", {
      body: { image: url, scale: 3 },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(url)).status).toBe(200);
  });

  it("every call is in /api/tasks with its input, exact output and price; publishing makes a work", async () => {
    const res = await client.post<Answer>("/images/outpaint", {
      body: { image: dataUrl(png), up: 20, down: 20, prompt: "更多的天空" },
    });
    const task = (await api(app, user.token)(`/api/tasks/${res.task_id}`)).body;
    expect(task).toMatchObject({
      kind: "image.outpaint",
      model: "mock-image-tools",
      status: "completed",
      input: {
        prompt: "更多的天空",
        params: { up: 20, down: 20, output: { width: 640, height: 520 } },
      },
      outputs: [{ type: "image", width: 640, height: 520 }],
    });
    expect(task.input.media).toHaveLength(1);
    expect((await fetch(task.input.media[0])).status).toBe(200);
    expect(task.credits.charged).toBe(
      toolCost(PRICING, "image.outpaint", { width: 640, height: 520, creativity: 0.5 }),
    );
    const published = await api(app, user.token)(`/api/tasks/${res.task_id}/publish`, { body: {} });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const assetId = published.body.outputs[0].assetId;
    expect(assetId).toMatch(/^ast_/);
    const work = await api(app)(`/api/assets/${assetId}`);
    expect(work.body.item).toMatchObject({ width: 640, height: 520, type: "image" });
    // Twice is still one work.
    const again = await api(app, user.token)(`/api/tasks/${res.task_id}/publish`, { body: {} });
    expect(again.body.outputs[0].assetId).toBe(assetId);
  });

  it("a requestId that completed replays its answer without a new charge", async () => {
    const body = { image: dataUrl(png), scale: 2, requestId: "tool-replay-1" };
    const first = await client.post<Answer>("/images/upscale", { body });
    const after = await balance(app, user.token);
    const second = await client.post<Answer>("/images/upscale", { body });
    expect(second.data[0].url).toBe(first.data[0].url);
    expect(second.task_id).toBe(first.task_id);
    expect(await balance(app, user.token)).toBe(after);
  });
});

describe("bad input: 400 (or 415/404/402), nothing held, nothing kept", () => {
  const big = () => photo(1200, 1000);
  const cases: [
    string,
    () => Promise<{ path: string; parts: Parameters<typeof postMultipart>[3] }>,
    number,
    string | null,
  ][] = [
    [
      "not an image",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(Buffer.from("just some text, not a picture"))],
      }),
      415,
      "image",
    ],
    [
      "a truncated PNG",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png.subarray(0, png.length - 200))],
      }),
      400,
      "image",
    ],
    [
      "too many pixels in",
      async () => ({ path: "/v1/images/upscale", parts: [imagePart(await big())] }),
      400,
      "image",
    ],
    [
      "too many pixels out",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "width", value: "6000" }],
      }),
      400,
      "width",
    ],
    [
      "scale 3",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "scale", value: "3" }],
      }),
      400,
      "scale",
    ],
    [
      "scale and width",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "scale", value: "2" }, { name: "width", value: "900" }],
      }),
      400,
      "scale",
    ],
    [
      "all margins 0",
      async () => ({
        path: "/v1/images/outpaint",
        parts: [imagePart(png), { name: "left", value: "0" }],
      }),
      400,
      "left",
    ],
    [
      "no margin at all",
      async () => ({ path: "/v1/images/outpaint", parts: [imagePart(png)] }),
      400,
      "left",
    ],
    [
      "a margin over 2000",
      async () => ({
        path: "/v1/images/outpaint",
        parts: [imagePart(png), { name: "right", value: "2001" }],
      }),
      400,
      "right",
    ],
    [
      "creativity 2",
      async () => ({
        path: "/v1/images/outpaint",
        parts: [imagePart(png), { name: "left", value: "10" }, { name: "creativity", value: "2" }],
      }),
      400,
      "creativity",
    ],
    [
      "no mode",
      async () => ({ path: "/v1/images/background", parts: [imagePart(png)] }),
      400,
      "mode",
    ],
    [
      "replace with nothing",
      async () => ({
        path: "/v1/images/background",
        parts: [imagePart(png), { name: "mode", value: "replace" }],
      }),
      400,
      "mode",
    ],
    [
      "a colour that is not one",
      async () => ({
        path: "/v1/images/background",
        parts: [
          imagePart(png),
          { name: "mode", value: "replace" },
          { name: "color", value: "red" },
        ],
      }),
      400,
      "color",
    ],
    [
      "remove with a backdrop",
      async () => ({
        path: "/v1/images/background",
        parts: [imagePart(png), imagePart(png, "background"), { name: "mode", value: "remove" }],
      }),
      400,
      "background",
    ],
    [
      "no picture",
      async () => ({ path: "/v1/images/upscale", parts: [{ name: "scale", value: "2" }] }),
      400,
      "image",
    ],
    [
      "n = 2",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "n", value: "2" }],
      }),
      400,
      "n",
    ],
    [
      "an unknown model",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "model", value: "no-such-model" }],
      }),
      404,
      "model",
    ],
    [
      "someone else's project",
      async () => ({
        path: "/v1/images/upscale",
        parts: [imagePart(png), { name: "project_id", value: "prj_nope" }],
      }),
      404,
      "projectId",
    ],
  ];

  for (const [name, build, status, param] of cases)
    it(`${name} → ${status}`, async () => {
      const before = await balance(app, user.token);
      const tasks = await taskCount(app, user.id);
      const inputs = storedInputs(app).length;
      const { path, parts } = await build();
      const res = await postMultipart(app, user.token, path, parts);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.param).toBe(param);
      expect(await balance(app, user.token)).toBe(before);
      expect(await taskCount(app, user.id)).toBe(tasks);
      expect(storedInputs(app)).toHaveLength(inputs);
      expect(tempEntries(app)).toEqual([]);
      await expectUserLedger(app, user.id);
    });

  it("a JSON picture that is not one, and a URL we may not fetch, are refused the same way", async () => {
    const inputs = storedInputs(app).length;
    const notImage = await api(app, user.token)("/v1/images/upscale", {
      body: { image: `data:image/png;base64,${Buffer.from("nope").toString("base64")}` },
    });
    expect(notImage.status).toBe(415);
    const privateUrl = await api(app, user.token)("/v1/images/upscale", {
      body: { image: "http://10.0.0.1/secret.png" },
    });
    expect(privateUrl.status).toBe(400);
    expect(storedInputs(app)).toHaveLength(inputs);
    await expectUserLedger(app, user.id);
  });

  it("short of credits → 402, and the uploaded picture is not kept", async () => {
    const poor = await app.register();
    await grantCredits(app, poor.id, -100);
    const inputs = storedInputs(app).length;
    const res = await postMultipart(app, poor.token, "/v1/images/upscale", [imagePart(png)]);
    expect(res.status).toBe(402);
    expect(storedInputs(app)).toHaveLength(inputs);
    expect(await taskCount(app, poor.id)).toBe(0);
    expect(await expectUserLedger(app, poor.id)).toBe(0);
  });

  it("a failing tool call (the mock's #fail) is refunded and says why", async () => {
    const before = await balance(app, user.token);
    const res = await api(app, user.token)("/v1/images/outpaint", {
      body: { image: dataUrl(png), left: 50, prompt: "#fail" },
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", provider: "mock" });
    expect(await balance(app, user.token)).toBe(before);
    await expectUserLedger(app, user.id);
  });
});

describe("projects", () => {
  it("groups generations by name; items move between projects; nobody else sees or moves them", async () => {
    const call = api(app, user.token);
    const a = (await call("/api/projects", { body: { name: "春季上新" } })).body.item;
    const b = (await call("/api/projects", { body: { name: "海报" } })).body.item;
    expect((await call("/api/projects", { body: { name: "海报" } })).status).toBe(409);
    const made = await client.post<Answer>("/images/upscale", {
      body: { image: dataUrl(png), scale: 2, project_id: a.id },
    });
    const inA = (await call(`/api/tasks?project=${a.id}`)).body.items;
    expect(inA.map((t: { id: string }) => t.id)).toEqual([made.task_id]);
    expect(
      (await call("/api/projects")).body.items.find((p: { id: string }) => p.id === a.id),
    ).toMatchObject({
      itemCount: 1,
      coverUrl: expect.stringContaining("/api/media/"),
    });

    const other = await app.register();
    const theirs = api(app, other.token);
    expect((await theirs(`/api/tasks?project=${a.id}`)).body.items).toEqual([]);
    expect(
      (await theirs("/api/projects/move", { body: { taskIds: [made.task_id], projectId: null } }))
        .body.moved,
    ).toBe(0);
    expect(
      (await theirs(`/api/projects/${a.id}`, { method: "PATCH", body: { name: "x" } })).status,
    ).toBe(404);

    expect(
      (await call("/api/projects/move", { body: { taskIds: [made.task_id], projectId: b.id } }))
        .body.moved,
    ).toBe(1);
    expect((await call(`/api/tasks?project=${a.id}`)).body.items).toEqual([]);
    expect((await call(`/api/tasks?project=${b.id}`)).body.items[0].id).toBe(made.task_id);

    expect((await call(`/api/projects/${b.id}`, { method: "DELETE" })).status).toBe(200);
    const unfiled = (await call("/api/tasks?project=none&limit=50")).body.items;
    expect(unfiled.some((t: { id: string }) => t.id === made.task_id)).toBe(true);
  });
});
