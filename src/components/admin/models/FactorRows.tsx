"use client";

import { btn, input } from "../common/styles";
import type { FactorRow } from "./pricing-form";

/** Key/value rows for sizeFactors and qualityFactors. */
export function FactorRows({
  legend,
  keyLabel,
  keyPlaceholder,
  rows,
  onChange,
  errors,
  errorPath,
}: {
  legend: string;
  keyLabel: string;
  keyPlaceholder: string;
  rows: FactorRow[];
  onChange: (rows: FactorRow[]) => void;
  errors: Record<string, string>;
  errorPath: string;
}) {
  const set = (i: number, patch: Partial<FactorRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium text-neutral-700">{legend}</legend>
      {rows.length === 0 && <p className="text-xs text-neutral-500">未设置（系数为 1）</p>}
      {rows.map((row, i) => {
        const keyErr = errors[`${errorPath}.${i}.key`];
        const valErr = errors[`${errorPath}.${i}.value`];
        return (
          <div key={i} className="flex flex-col gap-1">
            <div className="flex items-center gap-2">
              <input
                className={`${input} font-mono text-xs`}
                aria-label={`${keyLabel} ${i + 1}`}
                aria-invalid={keyErr ? true : undefined}
                placeholder={keyPlaceholder}
                value={row.key}
                onChange={(e) => set(i, { key: e.target.value })}
              />
              <span aria-hidden className="text-neutral-500">
                ×
              </span>
              <input
                className={`${input} w-24 shrink-0`}
                aria-label={`系数 ${i + 1}`}
                aria-invalid={valErr ? true : undefined}
                inputMode="decimal"
                placeholder="1.5"
                value={row.value}
                onChange={(e) => set(i, { value: e.target.value })}
              />
              <button
                type="button"
                className={btn.link}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                aria-label={`移除第 ${i + 1} 行`}
              >
                移除
              </button>
            </div>
            {(keyErr || valErr) && (
              <p className="text-xs font-medium text-black">⚠ {keyErr ?? valErr}</p>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className={`${btn.link} self-start`}
        onClick={() => onChange([...rows, { key: "", value: "" }])}
      >
        ＋ 添加一行
      </button>
    </fieldset>
  );
}
