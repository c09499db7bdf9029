import "server-only";
import { type ExpressionBuilder, sql } from "kysely";
import { db } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { now } from "@/lib/time/clock";
import { periodAt, wallClock } from "@/lib/time/periods";
import type { UsageReport, UsageTotals } from "./usage-schemas";

// Usage over AiUsage rows (one per call): calls, errors, credits and latency by day, model and
// provider, and the heaviest users. Days are calendar days in APP_TIMEZONE: their UTC bounds are
// computed here and a CASE maps each row's timestamp to its day, so the grouping is exact for
// any time zone and the same SQL runs on SQLite and PostgreSQL.

type Day = { label: string; start: string };

/** The last `days` calendar days (oldest first), with each day's first instant in UTC. */
export function dayRange(days: number, at = now()): { days: Day[]; end: string } {
  const tz = env.APP_TIMEZONE;
  const out: Day[] = [];
  let p = periodAt("daily", at, tz);
  const end = new Date(p.next!).toISOString();
  for (let i = 0; i < days; i++) {
    const w = wallClock(p.start, tz);
    const pad = (n: number) => String(n).padStart(2, "0");
    out.unshift({
      label: `${w.y}-${pad(w.m)}-${pad(w.d)}`,
      start: new Date(p.start).toISOString(),
    });
    p = periodAt("daily", p.start - 1, tz);
  }
  return { days: out, end };
}

/**
 * SQL: the day label of a row's createdAt, for rows inside the range. Queries group by its
 * output position (GROUP BY 1): PostgreSQL would not see a second, separately parametrised copy
 * of the CASE as the same expression.
 */
export function dayOf(days: Day[]) {
  const whens = [...days]
    .reverse()
    .map((d) => sql`when "ai_usage"."createdAt" >= ${d.start} then ${d.label}`);
  return sql<string>`case ${sql.join(whens, sql` `)} end`;
}

const metrics = (eb: ExpressionBuilder<Database, "ai_usage">) => [
  eb.fn.countAll<number>().as("calls"),
  eb.fn
    .sum<number>(
      eb.case().when("ai_usage.status", "=", "success").then(eb.lit(0)).else(eb.lit(1)).end(),
    )
    .as("errors"),
  eb.fn.sum<number>("ai_usage.costCredits").as("credits"),
  eb.fn
    .sum<number>(
      eb
        .case()
        .when("ai_usage.status", "=", "success")
        .then(eb.ref("ai_usage.latencyMs"))
        .else(eb.lit(0))
        .end(),
    )
    .as("latencySum"),
];

type Raw = { calls: unknown; errors: unknown; credits: unknown; latencySum: unknown };

function totals(r: Raw): UsageTotals {
  const calls = Number(r.calls ?? 0);
  const errors = Number(r.errors ?? 0);
  const ok = calls - errors;
  return {
    calls,
    errors,
    credits: Number(r.credits ?? 0),
    avgLatencyMs: ok > 0 ? Math.round(Number(r.latencySum ?? 0) / ok) : 0,
  };
}

export async function usageReport(days: number): Promise<UsageReport> {
  const range = dayRange(days);
  const from = range.days[0].start;
  const base = () =>
    db
      .selectFrom("ai_usage")
      .where("ai_usage.createdAt", ">=", from)
      .where("ai_usage.createdAt", "<", range.end);
  const day = dayOf(range.days);
  const [all, byDay, byModel, byProvider, top] = await Promise.all([
    base().select(metrics).executeTakeFirstOrThrow(),
    base()
      .select((eb) => [day.as("day"), ...metrics(eb)])
      .groupBy(sql`1`)
      .execute(),
    base()
      .select((eb) => ["ai_usage.modelSlug as model", ...metrics(eb)])
      .groupBy("ai_usage.modelSlug")
      .execute(),
    base()
      .select((eb) => ["ai_usage.providerSlug as provider", ...metrics(eb)])
      .groupBy("ai_usage.providerSlug")
      .execute(),
    base()
      .leftJoin("users", "users.id", "ai_usage.userId")
      .select((eb) => [
        "ai_usage.userId as userId",
        "users.email as email",
        "users.name as name",
        ...metrics(eb),
      ])
      .groupBy(["ai_usage.userId", "users.email", "users.name"])
      .orderBy(sql`sum("ai_usage"."costCredits")`, "desc")
      .orderBy(sql`count(*)`, "desc")
      .limit(10)
      .execute(),
  ]);
  const dayMap = new Map(byDay.map((r) => [r.day, totals(r)]));
  const empty: UsageTotals = { calls: 0, errors: 0, credits: 0, avgLatencyMs: 0 };
  const byCredits = <T extends UsageTotals>(a: T, b: T) =>
    b.credits - a.credits || b.calls - a.calls;
  return {
    timezone: env.APP_TIMEZONE,
    from,
    to: range.end,
    totals: totals(all),
    byDay: range.days.map((d) => ({ day: d.label, ...(dayMap.get(d.label) ?? empty) })),
    byModel: byModel.map((r) => ({ model: r.model, ...totals(r) })).sort(byCredits),
    byProvider: byProvider.map((r) => ({ provider: r.provider, ...totals(r) })).sort(byCredits),
    topUsers: top.map((r) => ({ userId: r.userId, email: r.email, name: r.name, ...totals(r) })),
  };
}

/** One CSV line; fields with a comma, quote or newline are quoted, and formula starts defused. */
export function csvLine(fields: (string | number | null)[]): string {
  return fields
    .map((f) => {
      let s = f === null ? "" : String(f);
      // A cell starting with = + - @ is a formula to a spreadsheet; model names are user data.
      if (/^[=+\-@\t\r]/.test(s) && typeof f === "string") s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

/** Day × model × provider rows of the same range, as CSV (UTF-8 with BOM, for Excel). */
export async function usageCsv(days: number): Promise<string> {
  const range = dayRange(days);
  const day = dayOf(range.days);
  const rows = await db
    .selectFrom("ai_usage")
    .where("ai_usage.createdAt", ">=", range.days[0].start)
    .where("ai_usage.createdAt", "<", range.end)
    .select((eb) => [
      day.as("day"),
      "ai_usage.modelSlug as model",
      "ai_usage.providerSlug as provider",
      eb.fn.sum<number>("ai_usage.tokensIn").as("tokensIn"),
      eb.fn.sum<number>("ai_usage.tokensOut").as("tokensOut"),
      ...metrics(eb),
    ])
    .groupBy([sql`1`, "ai_usage.modelSlug", "ai_usage.providerSlug"])
    .execute();
  rows.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.model.localeCompare(b.model) ||
      a.provider.localeCompare(b.provider),
  );
  const lines = [
    csvLine([
      "date",
      "model",
      "provider",
      "calls",
      "errors",
      "credits",
      "avg_latency_ms",
      "tokens_in",
      "tokens_out",
    ]),
    ...rows.map((r) => {
      const t = totals(r);
      return csvLine([
        r.day,
        r.model,
        r.provider,
        t.calls,
        t.errors,
        t.credits,
        t.avgLatencyMs,
        Number(r.tokensIn ?? 0),
        Number(r.tokensOut ?? 0),
      ]);
    }),
  ];
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
