"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";
import { FactorRows } from "./FactorRows";
import type { VideoForm } from "./pricing-form";

const OP = "video.generate";

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
  const set = (patch: Partial<VideoForm>) => onChange({ ...value, ...patch });
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="每秒积分（perSecond）" error={errors[`${OP}.perSecond`]}>
          <input
            className={input}
            inputMode="decimal"
            value={value.perSecond}
            onChange={(e) => set({ perSecond: e.target.value })}
            placeholder="2"
          />
        </Field>
        <Field label="每次固定积分" hint="整数，可选" error={errors[`${OP}.fixedCreditsPerCall`]}>
          <input
            className={input}
            inputMode="numeric"
            value={value.fixedCreditsPerCall}
            onChange={(e) => set({ fixedCreditsPerCall: e.target.value })}
            placeholder="0"
          />
        </Field>
        <Field label="最低积分" hint="整数，可选" error={errors[`${OP}.minCredits`]}>
          <input
            className={input}
            inputMode="numeric"
            value={value.minCredits}
            onChange={(e) => set({ minCredits: e.target.value })}
            placeholder="0"
          />
        </Field>
      </div>
      <FactorRows
        legend="尺寸系数"
        keyLabel="尺寸"
        keyPlaceholder="1792x1024"
        rows={value.sizeFactors}
        onChange={(sizeFactors) => set({ sizeFactors })}
        errors={errors}
        errorPath={`${OP}.sizeFactors`}
      />
    </div>
  );
}
