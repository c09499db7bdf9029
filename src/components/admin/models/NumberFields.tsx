"use client";

import { Field } from "../common/Field";
import { input } from "../common/styles";

/** One number input of a pricing section: which form key it edits and how it is labelled. */
export type NumberSpec<F> = {
  key: keyof F & string;
  label: string;
  hint?: string;
  placeholder: string;
  /** The pricing JSON path its server error comes back under (`video.generate.perSecond`). */
  errorPath: string;
  /** Whole credits only (fixed and minimum prices); rates and factors take decimals. */
  integer?: boolean;
};

/** The fixed price per call, which every priced section has. */
export const fixedSpec = <F extends { fixedCreditsPerCall: string }>(
  op: string,
): NumberSpec<F> => ({
  key: "fixedCreditsPerCall",
  label: "每次固定积分",
  hint: "整数，可选",
  placeholder: "0",
  errorPath: `${op}.fixedCreditsPerCall`,
  integer: true,
});

/** The least a call costs, for sections whose metered price can round down to little. */
export const minSpec = <F extends { minCredits: string }>(
  op: string,
  placeholder: string,
): NumberSpec<F> => ({
  key: "minCredits",
  label: "最低积分",
  hint: "整数，可选",
  placeholder,
  errorPath: `${op}.minCredits`,
  integer: true,
});

/** A row of labelled number inputs editing string fields of a pricing form. */
export function NumberFields<F extends Record<string, unknown>>({
  specs,
  value,
  onChange,
  errors,
  columns = 3,
}: {
  specs: NumberSpec<F>[];
  value: F;
  onChange: (v: F) => void;
  errors: Record<string, string>;
  columns?: 2 | 3;
}) {
  return (
    <div className={`grid gap-3 ${columns === 2 ? "sm:grid-cols-2" : "sm:grid-cols-3"}`}>
      {specs.map((s) => (
        <Field key={s.key} label={s.label} hint={s.hint} error={errors[s.errorPath]}>
          <input
            className={input}
            inputMode={s.integer ? "numeric" : "decimal"}
            value={String(value[s.key] ?? "")}
            onChange={(e) => onChange({ ...value, [s.key]: e.target.value })}
            placeholder={s.placeholder}
          />
        </Field>
      ))}
    </div>
  );
}
