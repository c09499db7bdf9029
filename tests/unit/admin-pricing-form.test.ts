import { describe, expect, it } from "vitest";
import { draftToBody, modelToDraft } from "@/components/admin/models/model-draft";
import { formToPricing, pricingToForm } from "@/components/admin/models/pricing-form";
import type { AiModel, Pricing } from "@/components/admin/types";

const full: Pricing = {
  chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0.5, output: 1.5 }, minCredits: 2 },
  "image.generate": {
    perImage: 10,
    fixedCreditsPerCall: 2,
    sizeFactors: { "1024x1024": 1, "1792x1024": 1.5 },
    qualityFactors: { hd: 2 },
  },
  "image.edit": { perImage: 12 },
  embedding: { perKTokens: { input: 0.02 }, fixedCreditsPerCall: 1, minCredits: 1 },
  "audio.speech": { perKChars: 15, minCredits: 2 },
  "video.generate": {
    perSecond: 2.5,
    fixedCreditsPerCall: 1,
    minCredits: 4,
    sizeFactors: { "1792x1024": 2 },
  },
  rounding: "round",
};

describe("pricing editor ↔ contract §4 JSON", () => {
  it("round-trips every field of a full pricing object exactly", () => {
    const { pricing, errors } = formToPricing(pricingToForm(full));
    expect(errors).toEqual({});
    expect(pricing).toEqual(full);
  });

  it("video: perSecond is required, credits are integers, size keys are WxH", () => {
    const form = pricingToForm({});
    form["video.generate"] = {
      on: true,
      perSecond: "",
      fixedCreditsPerCall: "1.5",
      minCredits: "",
      sizeFactors: [{ key: "big", value: "2" }],
    };
    const { errors } = formToPricing(form);
    expect(errors).toMatchObject({
      "video.generate.perSecond": "必填",
      "video.generate.fixedCreditsPerCall": "请输入整数积分",
      "video.generate.sizeFactors.0.key": expect.any(String),
    });
  });

  it("omits sections that are switched off and defaults rounding to ceil", () => {
    const form = pricingToForm({ chat: { fixedCreditsPerCall: 3 } });
    expect(form.rounding).toBe("ceil");
    expect(formToPricing(form).pricing).toEqual({
      chat: { fixedCreditsPerCall: 3 },
      rounding: "ceil",
    });
    form.chat.on = false;
    expect(formToPricing(form).pricing).toEqual({ rounding: "ceil" });
  });

  it("rejects fractional credits where the contract wants integers", () => {
    const form = pricingToForm({ chat: { fixedCreditsPerCall: 1 } });
    form.chat.fixedCreditsPerCall = "1.5";
    form.chat.minCredits = "-1";
    const { errors } = formToPricing(form);
    expect(errors["chat.fixedCreditsPerCall"]).toBe("请输入整数积分");
    expect(errors["chat.minCredits"]).toBe("请输入不小于 0 的数字");
  });

  it("needs both token prices once one is given, and perImage for an image section", () => {
    const form = pricingToForm({});
    form.chat = { on: true, fixedCreditsPerCall: "", input: "0.2", output: "", minCredits: "" };
    form["image.edit"].on = true;
    const { errors } = formToPricing(form);
    expect(errors["chat.perKTokens.output"]).toBe("必填");
    expect(errors["image.edit.perImage"]).toBe("必填");
  });

  it("validates size keys, duplicate keys and factor values; blank rows are ignored", () => {
    const form = pricingToForm({ "image.generate": { perImage: 5 } });
    form["image.generate"].sizeFactors = [
      { key: "big", value: "2" },
      { key: "512x512", value: "0" },
      { key: "", value: "" },
    ];
    form["image.generate"].qualityFactors = [
      { key: "hd", value: "2" },
      { key: "hd", value: "3" },
    ];
    const { errors } = formToPricing(form);
    expect(errors["image.generate.sizeFactors.0.key"]).toMatch(/宽x高/);
    expect(errors["image.generate.sizeFactors.1.value"]).toBe("系数须大于 0");
    expect(errors["image.generate.sizeFactors.2.key"]).toBeUndefined();
    expect(errors["image.generate.qualityFactors.1.key"]).toBe("重复的键");
  });
});

describe("model form body", () => {
  const model: AiModel = {
    id: "m1",
    slug: "gpt-x",
    displayName: "GPT X",
    providerId: "p1",
    providerSlug: "prov",
    modalities: ["text"],
    upstreamModel: "gpt-x-2024",
    family: "gpt",
    capabilities: ["chat"],
    contextWindow: 128000,
    supportsStream: true,
    pricing: { chat: { fixedCreditsPerCall: 1 }, rounding: "ceil" },
    rateLimit: { rpm: 30 },
    tags: ["a", "b"],
    enabled: true,
    sort: 5,
    createdAt: "",
    updatedAt: "",
    editedFields: [],
  };

  it("sends the edited fields with the contract's types", () => {
    const draft = modelToDraft(model);
    draft.tags = "a， c  d";
    draft.rpm = "";
    const { body, errors } = draftToBody(draft);
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      slug: "gpt-x",
      upstreamModel: "gpt-x-2024",
      contextWindow: 128000,
      sort: 5,
      tags: ["a", "c", "d"],
      rateLimit: {},
    });
    expect(body.pricing).toEqual(model.pricing);
  });

  it("reports missing required fields keyed like the API param", () => {
    const draft = modelToDraft(null);
    draft.capabilities = [];
    draft.contextWindow = "0";
    const { errors } = draftToBody(draft);
    expect(Object.keys(errors).sort()).toEqual([
      "capabilities",
      "contextWindow",
      "displayName",
      "providerId",
      "slug",
    ]);
  });

  it("embedding and speech sections: the rate is required, credits are integers", () => {
    const form = pricingToForm({});
    expect(form.embedding.on).toBe(false);
    form.embedding = { on: true, rate: "", fixedCreditsPerCall: "", minCredits: "" };
    form["audio.speech"] = { on: true, rate: "12.5", fixedCreditsPerCall: "0.5", minCredits: "" };
    const { errors } = formToPricing(form);
    expect(errors["embedding.perKTokens.input"]).toBe("必填");
    expect(errors["audio.speech.fixedCreditsPerCall"]).toBe("请输入整数积分");
    form.embedding.rate = "0.1";
    form["audio.speech"].fixedCreditsPerCall = "";
    expect(formToPricing(form)).toEqual({
      pricing: {
        embedding: { perKTokens: { input: 0.1 } },
        "audio.speech": { perKChars: 12.5 },
        rounding: "ceil",
      },
      errors: {},
    });
  });
});
