import { describe, expect, it } from "vitest";
import { actionLabel, diffSummary } from "@/components/admin/audit/diff-summary";
import { formatExtraHeaders, parseExtraHeaders } from "@/components/admin/providers/extra-headers";

describe("extraHeaders textarea", () => {
  it.each([
    ["", { ok: true, value: {} }],
    ['{"HTTP-Referer":"https://a.example","X-Title":"Studio"}', { ok: true, value: { "HTTP-Referer": "https://a.example", "X-Title": "Studio" } }],
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
    expect(parseExtraHeaders(formatExtraHeaders({ "X-A": "1" }))).toEqual({ ok: true, value: { "X-A": "1" } });
  });
});

describe("audit diff summary", () => {
  it("lists only the changed fields of a before/after diff", () => {
    expect(diffSummary({ before: { enabled: true, name: "A" }, after: { enabled: false, name: "A" } })).toBe("enabled: true → false");
  });
  it("reads a JSON string diff and shows a redacted key as stored", () => {
    expect(diffSummary(JSON.stringify({ apiKey: "[redacted]", slug: "x" }))).toBe("apiKey: [redacted]；slug: x");
  });
  it("labels known actions in Chinese and leaves others alone", () => {
    expect(actionLabel("provider.update")).toBe("修改服务商");
    expect(actionLabel("model.delete")).toBe("删除模型");
    expect(actionLabel("weird")).toBe("weird");
  });
});
