import "server-only";
import { env } from "@/lib/env";

// The app's clock: every stored timestamp (nowIso) and every limit window (daily quotas, key
// credit limits, key expiry) reads it. It is the system clock, except on a test server started
// with both APP_ENV=test and TEST_CLOCK=1, where POST /api/test/clock may set it, so a suite can
// cross a midnight without waiting for one. Anywhere else it cannot move (and production refuses
// to start with TEST_CLOCK set).

const g = globalThis as unknown as { __aigcClockOffsetMs?: number };

export const clockIsMovable = (): boolean => env.TEST_CLOCK && env.APP_ENV === "test";

/** Milliseconds since the epoch, as the app sees them. */
export function now(): number {
  return Date.now() + (g.__aigcClockOffsetMs ?? 0);
}

/** Test servers only: makes now() answer `atMs` from this moment on (null = the real time). */
export function setTestClock(atMs: number | null): number {
  if (!clockIsMovable()) throw new Error("the clock can only be moved on a test server");
  g.__aigcClockOffsetMs = atMs === null ? 0 : atMs - Date.now();
  return now();
}
