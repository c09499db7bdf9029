"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";
import type { Rounding } from "../types";
import { ImagePricingFields } from "./ImagePricingFields";
import { RatePricingFields } from "./RatePricingFields";
import { type ChatForm, type PricingForm, TOOL_OPS, type ToolOp } from "./pricing-form";
import { ToolPricingFields } from "./ToolPricingFields";
import { VideoPricingFields } from "./VideoPricingFields";

const ROUNDING: { value: Rounding; label: string }[] = [
  { value: "ceil", label: "向上取整（ceil）" },
  { value: "round", label: "四舍五入（round）" },
  { value: "floor", label: "向下取整（floor）" },
];

function Section({
  title,
  on,
  onToggle,
  children,
}: {
  title: string;
  on: boolean;
  onToggle: (on: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <fieldset className="rounded-lg border border-neutral-200 p-3">
      <legend className="px-1">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={on}
            onChange={(e) => onToggle(e.target.checked)}
            className="size-4 accent-black"
          />
          {title}
        </label>
      </legend>
      {on ? (
        <div className="pt-1">{children}</div>
      ) : (
        <p className="text-xs text-neutral-500">未定价</p>
      )}
    </fieldset>
  );
}

const TOOL_TITLES: Record<ToolOp, string> = {
  "image.upscale": "图片放大",
  "image.outpaint": "扩图",
  "image.background": "背景移除/替换",
};

/** The pricing editor for every priced operation; its value maps to contract §4 JSON. */
export function PricingEditor({
  value,
  onChange,
  errors,
}: {
  value: PricingForm;
  onChange: (v: PricingForm) => void;
  errors: Record<string, string>;
}) {
  const chat = value.chat;
  const setChat = (patch: Partial<ChatForm>) => onChange({ ...value, chat: { ...chat, ...patch } });
  return (
    <div className="flex flex-col gap-3">
      <Section title="对话（chat）" on={chat.on} onToggle={(on) => setChat({ on })}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="每次固定积分"
            hint="整数"
            error={errors["chat.fixedCreditsPerCall"] ?? errors["chat"]}
          >
            <input
              className={input}
              inputMode="numeric"
              value={chat.fixedCreditsPerCall}
              onChange={(e) => setChat({ fixedCreditsPerCall: e.target.value })}
              placeholder="0"
            />
          </Field>
          <Field label="最低积分" hint="整数，可选" error={errors["chat.minCredits"]}>
            <input
              className={input}
              inputMode="numeric"
              value={chat.minCredits}
              onChange={(e) => setChat({ minCredits: e.target.value })}
              placeholder="1"
            />
          </Field>
          <Field label="输入：每千 Token 积分" error={errors["chat.perKTokens.input"]}>
            <input
              className={input}
              inputMode="decimal"
              value={chat.input}
              onChange={(e) => setChat({ input: e.target.value })}
              placeholder="0.5"
            />
          </Field>
          <Field label="输出：每千 Token 积分" error={errors["chat.perKTokens.output"]}>
            <input
              className={input}
              inputMode="decimal"
              value={chat.output}
              onChange={(e) => setChat({ output: e.target.value })}
              placeholder="1.5"
            />
          </Field>
        </div>
      </Section>
      <Section
        title="图像生成（image.generate）"
        on={value["image.generate"].on}
        onToggle={(on) =>
          onChange({ ...value, "image.generate": { ...value["image.generate"], on } })
        }
      >
        <ImagePricingFields
          op="image.generate"
          value={value["image.generate"]}
          onChange={(v) => onChange({ ...value, "image.generate": v })}
          errors={errors}
        />
      </Section>
      <Section
        title="图像编辑（image.edit）"
        on={value["image.edit"].on}
        onToggle={(on) => onChange({ ...value, "image.edit": { ...value["image.edit"], on } })}
      >
        <ImagePricingFields
          op="image.edit"
          value={value["image.edit"]}
          onChange={(v) => onChange({ ...value, "image.edit": v })}
          errors={errors}
        />
      </Section>
      <Section
        title="向量嵌入（embedding）"
        on={value.embedding.on}
        onToggle={(on) => onChange({ ...value, embedding: { ...value.embedding, on } })}
      >
        <RatePricingFields
          op="embedding"
          value={value.embedding}
          onChange={(v) => onChange({ ...value, embedding: v })}
          errors={errors}
        />
      </Section>
      <Section
        title="语音合成（audio.speech）"
        on={value["audio.speech"].on}
        onToggle={(on) => onChange({ ...value, "audio.speech": { ...value["audio.speech"], on } })}
      >
        <RatePricingFields
          op="audio.speech"
          value={value["audio.speech"]}
          onChange={(v) => onChange({ ...value, "audio.speech": v })}
          errors={errors}
        />
      </Section>
      <Section
        title="视频生成（video.generate）"
        on={value["video.generate"].on}
        onToggle={(on) =>
          onChange({ ...value, "video.generate": { ...value["video.generate"], on } })
        }
      >
        <VideoPricingFields
          value={value["video.generate"]}
          onChange={(v) => onChange({ ...value, "video.generate": v })}
          errors={errors}
        />
      </Section>
      {TOOL_OPS.map((op) => (
        <Section
          key={op}
          title={`${TOOL_TITLES[op]}（${op}）`}
          on={value[op].on}
          onToggle={(on) => onChange({ ...value, [op]: { ...value[op], on } })}
        >
          <ToolPricingFields
            op={op}
            value={value[op]}
            onChange={(v) => onChange({ ...value, [op]: v })}
            errors={errors}
          />
        </Section>
      ))}
      <Field label="取整方式" hint="对一次调用的总价取整一次">
        <select
          className={input}
          value={value.rounding}
          onChange={(e) => onChange({ ...value, rounding: e.target.value as Rounding })}
        >
          {ROUNDING.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
