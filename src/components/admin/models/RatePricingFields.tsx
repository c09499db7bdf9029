"use client";

import { fixedSpec, minSpec, NumberFields, type NumberSpec } from "./NumberFields";
import { RATE_PATH, type RateForm, type RateOp } from "./pricing-form";

const RATE_LABEL: Record<RateOp, { label: string; placeholder: string }> = {
  embedding: { label: "输入：每千 Token 积分", placeholder: "0.1" },
  "audio.speech": { label: "每千字符积分", placeholder: "15" },
};

/** A priced-by-volume section (embeddings by input tokens, speech by characters). */
export function RatePricingFields({
  op,
  value,
  onChange,
  errors,
}: {
  op: RateOp;
  value: RateForm;
  onChange: (v: RateForm) => void;
  errors: Record<string, string>;
}) {
  const specs: NumberSpec<RateForm>[] = [
    { key: "rate", ...RATE_LABEL[op], errorPath: RATE_PATH[op] },
    fixedSpec(op),
    minSpec(op, "1"),
  ];
  return <NumberFields specs={specs} value={value} onChange={onChange} errors={errors} />;
}
