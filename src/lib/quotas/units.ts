import { CAPABILITIES, OPERATIONS, isOperation } from "@/lib/operations/registry";

// What a daily quota counts for each operation, as data keyed by operation id. An operation not
// listed here (one added to the registry later) counts calls, so it gets a quota row in the
// admin forms and the ledger without any code change. `field` names the hold meta that carries
// the amount (images asked for, video seconds); it is what a hold counts until its settle reports
// what was actually delivered (meta.quotaUnits).

type UnitRule = { unit: string; field?: string };

const UNITS: Record<string, UnitRule> = {
  chat: { unit: "次" },
  "image.generate": { unit: "张", field: "n" },
  "image.edit": { unit: "张", field: "n" },
  "video.generate": { unit: "秒", field: "seconds" },
};

export const quotaUnit = (operation: string): string => (UNITS[operation] ?? { unit: "次" }).unit;

/** The units one call of `operation` with hold meta `meta` counts. */
export function unitsFor(operation: string, meta: Record<string, unknown> = {}): number {
  const field = UNITS[operation]?.field;
  const value = field ? Number(meta[field]) : 1;
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 1;
}

export type QuotaOperation = { id: string; label: string; unit: string };

/** Every operation a quota can be set for, in registry order. */
export const QUOTA_OPERATIONS: QuotaOperation[] = CAPABILITIES.map((id) => ({
  id,
  label: OPERATIONS[id].label,
  unit: quotaUnit(id),
}));

export const quotaLabel = (operation: string): string =>
  isOperation(operation) ? OPERATIONS[operation].label : operation;
