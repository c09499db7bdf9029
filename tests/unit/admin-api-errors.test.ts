import { afterEach, describe, expect, it, vi } from "vitest";
import { adminApi, AdminApiError, errorText, queryString } from "@/components/admin/api";

// The admin page turns every failure into one Chinese sentence; these are the cases it meets.

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status }),
    ),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("adminApi errors", () => {
  it("keeps a Chinese server message and its param", async () => {
    answer(409, {
      error: {
        message: "该 slug 已被其他 Provider 使用",
        type: "conflict_error",
        code: "conflict",
        param: "slug",
        provider: null,
        requestId: "r",
      },
    });
    const err = (await adminApi("/api/admin/ai/providers", { body: {} }).catch(
      (e: unknown) => e,
    )) as AdminApiError;
    expect(err).toBeInstanceOf(AdminApiError);
    expect(err.param).toBe("slug");
    expect(errorText(err)).toBe("该 slug 已被其他 Provider 使用");
  });

  it("prefixes an English upstream message with a Chinese label", async () => {
    answer(502, {
      error: {
        message: "Bad gateway",
        type: "upstream_error",
        code: "upstream_error",
        param: null,
        provider: "x",
        requestId: "r",
      },
    });
    expect(errorText(await adminApi("/x").catch((e) => e))).toBe("服务商返回错误：Bad gateway");
  });

  it("maps answers outside the error shape by status, and network failures", async () => {
    answer(403, "<html>forbidden</html>");
    expect(errorText(await adminApi("/x").catch((e) => e))).toBe("没有管理员权限");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("fetch failed"))),
    );
    expect(errorText(await adminApi("/x").catch((e) => e))).toBe("网络连接失败，请检查网络后重试");
  });

  it("returns the parsed body on success and builds query strings without empty values", async () => {
    answer(200, { items: [1] });
    await expect(adminApi("/x")).resolves.toEqual({ items: [1] });
    expect(
      queryString({ q: "gpt 4", providerId: "", enabled: undefined, capability: "chat" }),
    ).toBe("?q=gpt+4&capability=chat");
  });
});
