"use client";

import { FactorRows } from "./FactorRows";
import { fixedSpec, minSpec, NumberFields, type NumberSpec } from "./NumberFields";
import type { VideoForm } from "./pricing-form";

const OP = "video.generate";
const NUMBERS: NumberSpec<VideoForm>[] = [
  {
    key: "perSecond",
    label: "每秒积分（perSecond）",
    placeholder: "2",
    errorPath: `${OP}.perSecond`,
  },
  fixedSpec(OP),
  minSpec(OP, "0"),
];

/** video cost = fixed + perSecond · seconds · sizeFactor, rounded once, at least minCredits (§8). */
export function VideoPricingFields({
  value,
  onChange,
  errors,
}: {
  value: VideoForm;
  onChange: (v: VideoForm) => void;
  errors: Record<string, string>;
}) {
  return (
    <div className="flex flex-col gap-3">
      <NumberFields specs={NUMBERS} value={value} onChange={onChange} errors={errors} />
      <FactorRows
        legend="尺寸系数"
        keyLabel="尺寸"
        keyPlaceholder="1792x1024"
        rows={value.sizeFactors}
        onChange={(sizeFactors) => onChange({ ...value, sizeFactors })}
        errors={errors}
        errorPath={`${OP}.sizeFactors`}
      />
    </div>
  );
}
