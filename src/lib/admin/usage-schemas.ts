import { z } from "zod";

// The console's 用量 section: one report over the last `days` days (calendar days in
// APP_TIMEZONE, today included). Pure: shared with the charts.

export const usageQuery = z.object({
  days: z.coerce.number().int().min(1, "days 至少为 1").max(366, "days 最多 366").default(30),
});

export type UsageTotals = {
  calls: number;
  errors: number;
  credits: number;
  /** Mean latency of successful calls, ms (0 when there were none). */
  avgLatencyMs: number;
};

export type UsageReport = {
  timezone: string;
  from: string;
  to: string;
  totals: UsageTotals;
  byDay: (UsageTotals & { day: string })[];
  byModel: (UsageTotals & { model: string })[];
  byProvider: (UsageTotals & { provider: string })[];
  topUsers: (UsageTotals & { userId: string; email: string | null; name: string | null })[];
};
