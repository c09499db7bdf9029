import { describe, expect, it } from "vitest";
import { blockers, draftErrors, suggestSlug } from "@/components/admin/providers/provider-draft";

describe("suggestSlug", () => {
  it.each([
    ["OpenAI 官方", "openai"],
    ["My  Gateway!!", "my-gateway"],
    ["Together.ai", "together.ai"],
    ["官方", ""],
    ["--Ollama (local)--", "ollama-local"],
    ["Çafé Models", "cafe-models"],
  ])("%s → %s", (name, slug) => expect(suggestSlug(name)).toBe(slug));
});

describe("provider draft checks", () => {
  const ok = { name: "OpenAI", slug: "openai", baseURL: "https://api.openai.com/v1" };
  it("says what is missing and what is wrong, in one sentence", () => {
    expect(blockers(ok, null)).toBeNull();
    expect(blockers({ name: "", slug: "", baseURL: "" }, null)).toBe(
      "请填写名称、标识、Base URL。",
    );
    expect(blockers({ ...ok, baseURL: "ftp//x" }, null)).toBe("请修正Base URL。");
    expect(blockers({ ...ok, name: "" }, "bad")).toBe("请填写名称；请修正额外请求头。");
  });
  it("never throws on a value that is not a URL", () => {
    expect(draftErrors({ ...ok, baseURL: "ftp//nowhere" }).baseURL).toMatch(/不是合法的 URL/);
    expect(draftErrors({ ...ok, baseURL: "http://u:p@h/v1" }).baseURL).toMatch(/用户名或密码/);
    expect(draftErrors({ ...ok, slug: "Bad Slug" }).slug).toBeTruthy();
  });
});
