import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleError } from "@/lib/api/handler";
import { ApiError, ERROR_STATUS } from "@/lib/errors";

async function body(res: Response) {
  return (await res.json()) as { error: Record<string, unknown> };
}

describe("handleError", () => {
  it("maps every ApiError code to its status and the contract's shape", async () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const res = handleError(
        new ApiError(code as keyof typeof ERROR_STATUS, "消息", { provider: "p1", param: "x" }),
        "req_1",
      );
      expect(res.status).toBe(status);
      expect(res.headers.get("x-request-id")).toBe("req_1");
      const { error } = await body(res);
      expect(error).toEqual({
        message: "消息",
        type: expect.any(String),
        code,
        param: "x",
        provider: "p1",
        requestId: "req_1",
      });
    }
  });

  it("turns a zod error into 400 invalid_request naming the param", async () => {
    const parsed = z.object({ limit: z.number().max(50) }).safeParse({ limit: 99 });
    const res = handleError(parsed.error, "req_2");
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe("invalid_request");
    expect(error.param).toBe("limit");
  });

  it("keeps extra headers such as Retry-After", () => {
    const res = handleError(
      new ApiError("rate_limited", "慢一点", { headers: { "retry-after": "3" } }),
      "r",
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
  });

  it("answers unknown errors generically, without their message", async () => {
    const res = handleError(new Error("connect ECONNREFUSED postgres://user:secret@db"), "req_3");
    expect(res.status).toBe(500);
    const { error } = await body(res);
    expect(error.code).toBe("internal_error");
    expect(JSON.stringify(error)).not.toContain("secret");
  });
});
