import { describe, expect, it } from "vitest";
import { actionLabel, diffSummary, targetLabel } from "@/components/admin/audit/diff-summary";
import { formatExtraHeaders, parseExtraHeaders } from "@/components/admin/providers/extra-headers";

describe("extraHeaders textarea", () => {
  it.each([
    ["", { ok: true, value: {} }],
    [
      '{"HTTP-Referer":"https://a.example","X-Title":"Studio"}',
      { ok: true, value: { "HTTP-Referer": "https://a.example", "X-Title": "Studio" } },
    ],
  ])("accepts %j", (text, expected) => {
    expect(parseExtraHeaders(text)).toEqual(expected);
  });

  it.each([
    ["{not json", /不是合法的 JSON/],
    ['["a"]', /必须是 JSON 对象/],
    ['{"authorization":"Bearer x"}', /不允许覆盖 authorization/],
    ['{"Host":"evil"}', /不允许覆盖 Host/],
    ['{"X-N": 1}', /值必须是字符串/],
    ['{"bad name":"x"}', /名称“bad name”不合法/],
    ['{"X-A":"a\\r\\nX-B: b"}', /不能包含换行/],
  ])("rejects %s with a Chinese message", (text, message) => {
    const r = parseExtraHeaders(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("formats stored headers back for editing, empty for none", () => {
    expect(formatExtraHeaders({})).toBe("");
    expect(parseExtraHeaders(formatExtraHeaders({ "X-A": "1" }))).toEqual({
      ok: true,
      value: { "X-A": "1" },
    });
  });
});

describe("audit diff summary", () => {
  it("lists only the changed fields of an update, with a redacted key as recorded", () => {
    expect(
      diffSummary({
        before: { enabled: true, name: "A" },
        after: { enabled: false, name: "A" },
        apiKey: "[redacted]",
      }),
    ).toBe("enabled: true → false；apiKey: [redacted]");
  });
  it("names a created or deleted object by its identifiers, not its whole body", () => {
    const view = {
      id: "prv_1",
      slug: "openai",
      name: "OpenAI",
      baseURL: "https://x/v1",
      enabled: true,
      createdAt: "t",
    };
    expect(diffSummary({ after: view })).toBe("新建 slug: openai name: OpenAI（另 2 个字段）");
    expect(diffSummary(JSON.stringify({ before: { slug: "m" } }))).toBe("删除 slug: m");
  });
  it("shows flat diffs (bulk, import) field by field", () => {
    expect(diffSummary({ slugs: ["a", "b"], enabled: false })).toBe(
      'slugs: ["a","b"]；enabled: false',
    );
  });
  it("labels the recorded actions and targets in Chinese and leaves unknown ones alone", () => {
    expect(actionLabel("provider.update")).toBe("修改服务商");
    expect(actionLabel("model.bulk_disable")).toBe("批量停用模型");
    expect(actionLabel("weird.thing")).toBe("weird.thing");
    expect(targetLabel("ai_model")).toBe("模型");
  });
});
