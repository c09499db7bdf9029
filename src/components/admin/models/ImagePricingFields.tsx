"use client";

import { FactorRows } from "./FactorRows";
import { fixedSpec, NumberFields, type NumberSpec } from "./NumberFields";
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
  const specs: NumberSpec<ImageForm>[] = [
    {
      key: "perImage",
      label: "每张图片积分（perImage）",
      placeholder: "10",
      errorPath: `${op}.perImage`,
    },
    fixedSpec(op),
  ];
  return (
    <div className="flex flex-col gap-3">
      <NumberFields specs={specs} value={value} onChange={onChange} errors={errors} columns={2} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FactorRows
          legend="尺寸系数"
          keyLabel="尺寸"
          keyPlaceholder="1024x1024"
          rows={value.sizeFactors}
          onChange={(sizeFactors) => onChange({ ...value, sizeFactors })}
          errors={errors}
          errorPath={`${op}.sizeFactors`}
        />
        <FactorRows
          legend="质量系数"
          keyLabel="质量"
          keyPlaceholder="hd"
          rows={value.qualityFactors}
          onChange={(qualityFactors) => onChange({ ...value, qualityFactors })}
          errors={errors}
          errorPath={`${op}.qualityFactors`}
        />
      </div>
    </div>
  );
}
