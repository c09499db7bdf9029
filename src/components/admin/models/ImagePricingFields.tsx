"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";
import { FactorRows } from "./FactorRows";
import type { ImageForm, ImageOp } from "./pricing-form";

export function ImagePricingFields({
  op,
  value,
  onChange,
  errors,
}: {
  op: ImageOp;
  value: ImageForm;
  onChange: (v: ImageForm) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<ImageForm>) => onChange({ ...value, ...patch });
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="每张图片积分（perImage）" error={errors[`${op}.perImage`]}>
          <input
            className={input}
            inputMode="decimal"
            value={value.perImage}
            onChange={(e) => set({ perImage: e.target.value })}
            placeholder="10"
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
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FactorRows
          legend="尺寸系数"
          keyLabel="尺寸"
          keyPlaceholder="1024x1024"
          rows={value.sizeFactors}
          onChange={(sizeFactors) => set({ sizeFactors })}
          errors={errors}
          errorPath={`${op}.sizeFactors`}
        />
        <FactorRows
          legend="质量系数"
          keyLabel="质量"
          keyPlaceholder="hd"
          rows={value.qualityFactors}
          onChange={(qualityFactors) => set({ qualityFactors })}
          errors={errors}
          errorPath={`${op}.qualityFactors`}
        />
      </div>
    </div>
  );
}
