import "server-only";
import { Gauge } from "prom-client";
import { db } from "@/lib/db";
import { metrics } from "@/lib/metrics";
import { LIVE_STATUSES } from "./model";

// Gauges read from the database at scrape time, so every instance reports the same truth:
// live tasks by kind and status, and the queue depth (live tasks due and not being worked on).

export function registerTaskGauges(): void {
  if (metrics.registry.getSingleMetric("aigc_tasks_live")) return;
  new Gauge({
    name: "aigc_tasks_live",
    help: "Tasks queued or in progress, by kind and status",
    labelNames: ["kind", "status"],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom("tasks")
        .select(["kind", "status", db.fn.countAll<number>().as("n")])
        .where("status", "in", [...LIVE_STATUSES])
        .groupBy(["kind", "status"])
        .execute();
      for (const r of rows) this.set({ kind: r.kind, status: r.status }, Number(r.n));
    },
  });
  new Gauge({
    name: "aigc_tasks_queue_depth",
    help: "Live tasks that are due and not claimed by any worker",
    registers: [metrics.registry],
    async collect() {
      const now = new Date().toISOString();
      const row = await db
        .selectFrom("tasks")
        .select(db.fn.countAll<number>().as("n"))
        .where("status", "in", [...LIVE_STATUSES])
        .where("nextPollAt", "<=", now)
        .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
}
