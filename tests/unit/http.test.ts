import { describe, expect, it, vi } from "vitest";
import {
  createHttp,
  errorFromResponse,
  HttpError,
  joinUrl,
  NETWORK_ERROR_MESSAGE,
  resolveMediaUrl,
} from "@/lib/http";

type Call = { url: string; init: RequestInit };

/** A fake fetch that records calls and answers from a queue. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

const contractError = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: "x", code, param: null, provider: null, requestId: "req_1", ...extra },
});

describe("joinUrl / resolveMediaUrl", () => {
  it.each([
    ["", "/api/assets", "/api/assets"],
    ["", "api/assets", "/api/assets"],
    ["https://api.example.com", "/api/assets", "https://api.example.com/api/assets"],
    ["https://api.example.com/", "/api/assets", "https://api.example.com/api/assets"],
    ["https://api.example.com//", "api/assets?x=1", "https://api.example.com/api/assets?x=1"],
    [
      "https://example.com/studio",
      "/api/media/a.webp",
      "https://example.com/studio/api/media/a.webp",
    ],
  ])("base %j + %j → %j", (base, path, expected) => {
    expect(joinUrl(base, path)).toBe(expected);
  });

  it("leaves absolute, protocol-relative, data: and blob: URLs alone", () => {
    for (const url of [
      "https://cdn.example.com/a.png",
      "//cdn.example.com/a.png",
      "data:image/png;base64,AA",
      "blob:https://x/1",
    ]) {
      expect(resolveMediaUrl("http://127.0.0.1:3000", url)).toBe(url);
    }
  });

  it("makes relative media URLs absolute against the API base", () => {
    expect(resolveMediaUrl("http://10.0.2.2:3000", "/api/media/seed/1.webp")).toBe(
      "http://10.0.2.2:3000/api/media/seed/1.webp",
    );
  });
});

describe("createHttp", () => {
  it("sends the bearer token, JSON body and query to the API base without cookies", async () => {
    const f = fakeFetch(json(200, { ok: true }));
    const http = createHttp({
      baseUrl: "https://api.example.com",
      getToken: () => "tok123",
      fetch: f.fetch,
    });
    const body = await http.json<{ ok: boolean }>("/api/favorites/toggle", {
      body: { assetId: "a1" },
      query: { x: "1", y: undefined },
    });
    expect(body).toEqual({ ok: true });
    const { url, init } = f.calls[0];
    expect(url).toBe("https://api.example.com/api/favorites/toggle?x=1");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("omit");
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer tok123");
    expect(headers["content-type"]).toBe("application/json");
    expect(init.body).toBe(JSON.stringify({ assetId: "a1" }));
  });

  it("sends no authorization header when signed out, and GET without a body", async () => {
    const f = fakeFetch(json(200, { items: [], nextCursor: null }));
    const http = createHttp({ baseUrl: "", getToken: () => null, fetch: f.fetch });
    await http.json("/api/assets", { query: { type: "image", sort: "new", cursor: null } });
    expect(f.calls[0].url).toBe("/api/assets?type=image&sort=new");
    expect(f.calls[0].init.method).toBe("GET");
    expect((f.calls[0].init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it("turns the contract error shape into an HttpError with code, param and requestId", async () => {
    const f = fakeFetch(
      json(400, contractError("invalid_request", "邮箱格式不正确", { param: "email" })),
    );
    const http = createHttp({ baseUrl: "", getToken: () => null, fetch: f.fetch });
    const err = await http.json("/api/auth/register", { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({
      kind: "api",
      status: 400,
      code: "invalid_request",
      message: "邮箱格式不正确",
      param: "email",
      requestId: "req_1",
    });
  });

  it("signs out on a 401 to a request that carried a token", async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch(json(401, contractError("unauthorized", "登录已失效")));
    const http = createHttp({
      baseUrl: "",
      getToken: () => "expired",
      onUnauthorized,
      fetch: f.fetch,
    });
    const err = await http.json("/api/credits/balance").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: "unauthorized", message: "登录已失效" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("does not treat a failed sign-in (401 without a token) as an expired session", async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch(json(401, contractError("unauthorized", "邮箱或密码错误")));
    const http = createHttp({ baseUrl: "", getToken: () => null, onUnauthorized, fetch: f.fetch });
    await expect(
      http.json("/api/auth/token", { body: { email: "a@b.c", password: "x" } }),
    ).rejects.toMatchObject({ message: "邮箱或密码错误" });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("reports a network failure as a retryable network error", async () => {
    const f = fakeFetch(new TypeError("Failed to fetch"));
    const http = createHttp({
      baseUrl: "https://down.example.com",
      getToken: () => "t",
      fetch: f.fetch,
    });
    const err = await http.json("/api/assets").catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: "network",
      status: 0,
      code: "network_error",
      message: NETWORK_ERROR_MESSAGE,
    });
  });

  it("lets an abort through unchanged", async () => {
    const abort = new DOMException("aborted", "AbortError");
    const f = fakeFetch(abort as unknown as Error);
    const http = createHttp({ baseUrl: "", getToken: () => null, fetch: f.fetch });
    await expect(http.send("/api/assets")).rejects.toBe(abort);
  });

  it("raw() adds the token, never throws on an error status, and still signs out on 401", async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch(
      json(402, contractError("insufficient_credits", "积分不足")),
      json(401, contractError("unauthorized", "x")),
    );
    const http = createHttp({
      baseUrl: "http://api:3000",
      getToken: () => "tok",
      onUnauthorized,
      fetch: f.fetch,
    });
    const res = await http.raw("/api/ai/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(402);
    expect(f.calls[0].url).toBe("http://api:3000/api/ai/chat/completions");
    expect(new Headers(f.calls[0].init.headers).get("authorization")).toBe("Bearer tok");
    expect(new Headers(f.calls[0].init.headers).get("content-type")).toBe("application/json");
    expect(f.calls[0].init.credentials).toBe("omit");
    expect(onUnauthorized).not.toHaveBeenCalled();
    await http.raw("/api/credits/balance");
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe("errorFromResponse", () => {
  it("falls back to a Chinese status message when the body is not the contract shape", async () => {
    const err = await errorFromResponse(
      new Response("<html>Bad gateway</html>", { status: 502, headers: { "x-request-id": "r9" } }),
    );
    expect(err).toMatchObject({ kind: "api", status: 502, code: "http_502", requestId: "r9" });
    expect(err.message).toContain("502");
  });

  it("maps a bare 401 to unauthorized and 429 to a rate-limit message", async () => {
    expect(await errorFromResponse(new Response("", { status: 401 }))).toMatchObject({
      code: "unauthorized",
      message: "请先登录",
    });
    expect((await errorFromResponse(new Response("{}", { status: 429 }))).message).toBe(
      "请求过于频繁，请稍后再试",
    );
  });
});
