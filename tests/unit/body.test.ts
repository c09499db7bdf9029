import { describe, expect, it } from "vitest";
import { DRAIN_MAX_BYTES, JSON_MAX_DEPTH, readJsonBody } from "@/lib/api/body";
import { ApiError } from "@/lib/errors";

/** A POST whose body is `chunks` pieces of `chunk`, counting how many were pulled. */
function streamed(chunk: string, chunks: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  const bytes = new TextEncoder().encode(chunk);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled++;
      controller.enqueue(bytes);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const req = new Request("http://x/", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
  return { req, state };
}

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).code;
  }
}

describe("readJsonBody", () => {
  it("parses JSON; an empty body is {}", async () => {
    expect(
      await readJsonBody(new Request("http://x/", { method: "POST", body: '{"a":[1,{"b":2}]}' })),
    ).toEqual({ a: [1, { b: 2 }] });
    expect(await readJsonBody(new Request("http://x/", { method: "POST", body: "  " }))).toEqual(
      {},
    );
    expect(await readJsonBody(new Request("http://x/"))).toEqual({});
  });

  it("refuses malformed JSON with a 400", async () => {
    expect(
      await codeOf(readJsonBody(new Request("http://x/", { method: "POST", body: "{nope" }))),
    ).toBe("invalid_request");
  });

  it("refuses nesting deeper than the limit, and accepts the limit itself", async () => {
    const nest = (n: number) => "[".repeat(n) + "]".repeat(n);
    const at = new Request("http://x/", { method: "POST", body: nest(JSON_MAX_DEPTH) });
    expect(await readJsonBody(at)).toBeTruthy();
    const deep = new Request("http://x/", { method: "POST", body: nest(10_000) });
    expect(await codeOf(readJsonBody(deep))).toBe("invalid_request");
  });

  it("stops at the cap of a chunked body: 413, drains a bounded amount, then cancels", async () => {
    const kib = "x".repeat(1024);
    const { req, state } = streamed(kib, 1_000_000); // a gigabyte on offer
    expect(await codeOf(readJsonBody(req, 64 * 1024))).toBe("payload_too_large");
    for (let i = 0; i < 200 && !state.cancelled; i++) await new Promise((r) => setTimeout(r, 10));
    expect(state.cancelled).toBe(true);
    expect(state.pulled * 1024).toBeLessThan(64 * 1024 + DRAIN_MAX_BYTES + 64 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading it", async () => {
    const { req, state } = streamed("{}", 1, { "content-length": String(1024 * 1024) });
    expect(await codeOf(readJsonBody(req, 1024))).toBe("payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(1);
  });
});
