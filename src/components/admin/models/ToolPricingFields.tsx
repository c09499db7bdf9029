"use client";

import { FactorRows } from "./FactorRows";
import { fixedSpec, minSpec, NumberFields, type NumberSpec } from "./NumberFields";
import type { ToolForm, ToolOp } from "./pricing-form";

/** What each tool adds to the common megapixel price, besides its scale factors. */
const EXTRA: Record<ToolOp, (op: ToolOp) => NumberSpec<ToolForm>[]> = {
  "image.upscale": () => [],
  "image.outpaint": (op) => [
    {
      key: "creativityFactor",
      label: "创意度加价（creativityFactor）",
      hint: "价格 ×（1 + 系数 × 创意度），可选",
      placeholder: "0.5",
      errorPath: `${op}.creativityFactor`,
    },
  ],
  "image.background": (op) => [
    {
      key: "modeRemove",
      label: "移除背景系数",
      hint: "可选，默认 1",
      placeholder: "1",
      errorPath: `${op}.modeFactors.remove`,
    },
    {
      key: "modeReplace",
      label: "替换背景系数",
      hint: "可选，默认 1",
      placeholder: "1.5",
      errorPath: `${op}.modeFactors.replace`,
    },
  ],
};

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
  const common: NumberSpec<ToolForm>[] = [
    {
      key: "perMegapixel",
      label: "每百万像素积分（perMegapixel）",
      hint: "按输出尺寸计",
      placeholder: "2",
      errorPath: `${op}.perMegapixel`,
    },
    fixedSpec(op),
    minSpec(op, "1"),
  ];
  const extra = EXTRA[op](op);
  return (
    <div className="flex flex-col gap-3">
      <NumberFields specs={common} value={value} onChange={onChange} errors={errors} />
      {op === "image.upscale" ? (
        <FactorRows
          legend="倍数系数（介于两档之间按较高一档）"
          keyLabel="倍数"
          keyPlaceholder="4"
          rows={value.scaleFactors}
          onChange={(scaleFactors) => onChange({ ...value, scaleFactors })}
          errors={errors}
          errorPath={`${op}.scaleFactors`}
        />
      ) : null}
      {extra.length ? (
        <NumberFields specs={extra} value={value} onChange={onChange} errors={errors} columns={2} />
      ) : null}
    </div>
  );
}
