"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";
import { FactorRows } from "./FactorRows";
import type { ToolForm, ToolOp } from "./pricing-form";

/**
 * An image tool's price: fixed + perMegapixel · output MP · its factor (scale for upscale,
 * 1 + creativityFactor · creativity for outpaint, mode for background), rounded once, at least
 * minCredits.
 */
export function ToolPricingFields({
  op,
  value,
  onChange,
  errors,
}: {
  op: ToolOp;
  value: ToolForm;
  onChange: (v: ToolForm) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<ToolForm>) => onChange({ ...value, ...patch });
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          label="每百万像素积分（perMegapixel）"
          hint="按输出尺寸计"
          error={errors[`${op}.perMegapixel`]}
        >
          <input
            className={input}
            inputMode="decimal"
            value={value.perMegapixel}
            onChange={(e) => set({ perMegapixel: e.target.value })}
            placeholder="2"
          />
        </Field>
        <Field label="每次固定积分" hint="整数，可选" error={errors[`${op}.fixedCreditsPerCall`]}>
          <input
            className={input}
            inputMode="numeric"
            value={value.fixedCreditsPerCall}
            onChange={(e) => set({ fixedCreditsPerCall: e.target.value })}
            placeholder="0"
          />
        </Field>
        <Field label="最低积分" hint="整数，可选" error={errors[`${op}.minCredits`]}>
          <input
            className={input}
            inputMode="numeric"
            value={value.minCredits}
            onChange={(e) => set({ minCredits: e.target.value })}
            placeholder="1"
          />
        </Field>
      </div>
      {op === "image.upscale" ? (
        <FactorRows
          legend="倍数系数（介于两档之间按较高一档）"
          keyLabel="倍数"
          keyPlaceholder="4"
          rows={value.scaleFactors}
          onChange={(scaleFactors) => set({ scaleFactors })}
          errors={errors}
          errorPath={`${op}.scaleFactors`}
        />
      ) : null}
      {op === "image.outpaint" ? (
        <Field
          label="创意度加价（creativityFactor）"
          hint="价格 ×（1 + 系数 × 创意度），可选"
          error={errors[`${op}.creativityFactor`]}
        >
          <input
            className={input}
            inputMode="decimal"
            value={value.creativityFactor}
            onChange={(e) => set({ creativityFactor: e.target.value })}
            placeholder="0.5"
          />
        </Field>
      ) : null}
      {op === "image.background" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="移除背景系数"
            hint="可选，默认 1"
            error={errors[`${op}.modeFactors.remove`]}
          >
            <input
              className={input}
              inputMode="decimal"
              value={value.modeRemove}
              onChange={(e) => set({ modeRemove: e.target.value })}
              placeholder="1"
            />
          </Field>
          <Field
            label="替换背景系数"
            hint="可选，默认 1"
            error={errors[`${op}.modeFactors.replace`]}
          >
            <input
              className={input}
              inputMode="decimal"
              value={value.modeReplace}
              onChange={(e) => set({ modeReplace: e.target.value })}
              placeholder="1.5"
            />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
