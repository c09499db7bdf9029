"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";
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
  const set = (patch: Partial<RateForm>) => onChange({ ...value, ...patch });
  const { label, placeholder } = RATE_LABEL[op];
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Field label={label} error={errors[RATE_PATH[op]]}>
        <input
          className={input}
          inputMode="decimal"
          value={value.rate}
          onChange={(e) => set({ rate: e.target.value })}
          placeholder={placeholder}
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
  );
}
