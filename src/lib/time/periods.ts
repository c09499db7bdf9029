// Limit windows that restart at 00:00 in a given IANA time zone: daily, weekly (Monday) and
// monthly (the 1st), or never. Pure functions of an instant, so the quota and key-limit code can
// be driven by the app clock and tested across DST changes. Safe in client code.

export const PERIOD_KINDS = ["none", "daily", "weekly", "monthly"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export type Period = {
  /** First instant of the window (ms); 0 for "none". */
  start: number;
  /** First instant of the next window (ms); null for "none". */
  next: number | null;
};

type Wall = { y: number; m: number; d: number; h: number; mi: number; s: number };

const formats = new Map<string, Intl.DateTimeFormat>();
function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(tz, f);
  }
  return f;
}

/** Whether `tz` is a time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    format(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `tz` at instant `t`. */
export function wallClock(t: number, tz: string): Wall {
  const out: Record<string, number> = {};
  for (const p of format(tz).formatToParts(new Date(t)))
    if (p.type !== "literal") out[p.type] = Number(p.value);
  return { y: out.year, m: out.month, d: out.day, h: out.hour, mi: out.minute, s: out.second };
}

/** How far `tz` is ahead of UTC at instant `t`, in ms. */
function offsetAt(t: number, tz: string): number {
  const w = wallClock(t, tz);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000;
}

/** The calendar date `days` after (y, m, d), month overflow included. */
function addDays(y: number, m: number, d: number, days: number): [number, number, number] {
  const u = new Date(Date.UTC(y, m - 1, d + days));
  return [u.getUTCFullYear(), u.getUTCMonth() + 1, u.getUTCDate()];
}

/**
 * The first instant of calendar day (y, m, d) in `tz`: 00:00 there, or — where a DST change
 * skips midnight — the first minute that exists on that day.
 */
export function startOfDay(y: number, m: number, d: number, tz: string): number {
  const naive = Date.UTC(y, m - 1, d);
  let t = naive - offsetAt(naive, tz);
  // The offset at the guess may differ from the offset at the answer (a change overnight).
  t = naive - offsetAt(t, tz);
  const w = wallClock(t, tz);
  if (w.y !== y || w.m !== m || w.d !== d) {
    // Midnight did not exist: step forward to where the day actually begins.
    while (wallClock(t, tz).d !== d) t += 15 * 60_000;
  }
  return t;
}

/** The window of kind `kind` that contains instant `t`, in time zone `tz`. */
export function periodAt(kind: PeriodKind, t: number, tz: string): Period {
  if (kind === "none") return { start: 0, next: null };
  const w = wallClock(t, tz);
  if (kind === "daily") {
    const [ny, nm, nd] = addDays(w.y, w.m, w.d, 1);
    return { start: startOfDay(w.y, w.m, w.d, tz), next: startOfDay(ny, nm, nd, tz) };
  }
  if (kind === "weekly") {
    const sinceMonday = (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7;
    const [sy, sm, sd] = addDays(w.y, w.m, w.d, -sinceMonday);
    const [ny, nm, nd] = addDays(sy, sm, sd, 7);
    return { start: startOfDay(sy, sm, sd, tz), next: startOfDay(ny, nm, nd, tz) };
  }
  const [ny, nm] = w.m === 12 ? [w.y + 1, 1] : [w.y, w.m + 1];
  return { start: startOfDay(w.y, w.m, 1, tz), next: startOfDay(ny, nm, 1, tz) };
}

/** "2025-01-02 00:00" as read on a wall clock in `tz`. */
export function formatWallClock(t: number, tz: string): string {
  const w = wallClock(t, tz);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${w.y}-${p(w.m)}-${p(w.d)} ${p(w.h)}:${p(w.mi)}`;
}
