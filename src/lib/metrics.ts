import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { groupCommitStats } from "@/lib/db/group-commit";

// Prometheus metrics for GET /api/metrics. Next bundles each route separately, so the
// registry lives on globalThis: every route and the boot code must count into the same one.

type Metrics = {
  registry: Registry;
  requests: Counter<"operation" | "model" | "provider" | "status">;
  latency: Histogram<"operation" | "model" | "provider" | "status">;
  firstChunk: Histogram<"model" | "provider">;
  credits: Counter<"operation" | "model" | "provider">;
  upstreamActive: Gauge<"origin">;
  upstreamQueued: Gauge<"origin">;
  ledgerCommits: Counter;
  ledgerWrites: Counter;
  tasks?: TaskMetrics;
};

type TaskMetrics = {
  finished: Counter<"kind" | "model" | "provider" | "status">;
  duration: Histogram<"kind" | "status">;
  lag: Histogram<"kind" | "provider">;
  steps: Counter<"kind" | "provider" | "outcome">;
};

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = ["operation", "model", "provider", "status"] as const;
  return {
    registry,
    requests: new Counter({
      name: "aigc_ai_requests_total",
      help: "AI calls by operation, model, provider and final status",
      labelNames: labels,
      registers: [registry],
    }),
    latency: new Histogram({
      name: "aigc_ai_request_duration_seconds",
      help: "AI call latency from arrival to the last byte",
      labelNames: labels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    firstChunk: new Histogram({
      name: "aigc_ai_stream_first_chunk_seconds",
      help: "Time from arrival to the first streamed chunk",
      labelNames: ["model", "provider"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    credits: new Counter({
      name: "aigc_credits_charged_total",
      help: "Credits charged for AI calls",
      labelNames: ["operation", "model", "provider"],
      registers: [registry],
    }),
    upstreamActive: new Gauge({
      name: "aigc_upstream_active_requests",
      help: "Provider requests in flight from this instance, by provider origin",
      labelNames: ["origin"],
      registers: [registry],
    }),
    upstreamQueued: new Gauge({
      name: "aigc_upstream_queued_requests",
      help: "Provider requests waiting for a free connection slot, by provider origin",
      labelNames: ["origin"],
      registers: [registry],
    }),
    ...groupCommitCounters(registry),
  };
}

/** Ledger transactions on SQLite and the writes they carried (db/group-commit.ts). */
function groupCommitCounters(registry: Registry) {
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  return {
    ledgerCommits: counter(
      "aigc_ledger_commits_total",
      "Ledger write transactions committed (SQLite: each may carry several writes)",
      () => groupCommitStats().commits,
    ),
    ledgerWrites: counter(
      "aigc_ledger_writes_total",
      "Ledger writes (holds, settles, refunds, grants) committed in those transactions",
      () => groupCommitStats().writes,
    ),
  };
}

const g = globalThis as unknown as { __aigcMetrics?: Metrics };
export const metrics: Metrics = (g.__aigcMetrics ??= create());

export type CallOutcome = {
  operation: string;
  model: string | null;
  provider: string | null;
  status: string;
  seconds: number;
  credits: number;
};

export function observeCall(o: CallOutcome): void {
  const labels = {
    operation: o.operation,
    model: o.model ?? "-",
    provider: o.provider ?? "-",
    status: o.status,
  };
  metrics.requests.inc(labels);
  metrics.latency.observe(labels, o.seconds);
  if (o.credits > 0) {
    metrics.credits.inc(
      { operation: o.operation, model: labels.model, provider: labels.provider },
      o.credits,
    );
  }
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}

/** Task metrics (contract §8), created on first use in the shared registry. */
export function taskMetrics(): TaskMetrics {
  if (metrics.tasks) return metrics.tasks;
  const registers = [metrics.registry];
  metrics.tasks = {
    finished: new Counter({
      name: "aigc_tasks_finished_total",
      help: "Tasks that reached a terminal status, by kind, model, provider and status",
      labelNames: ["kind", "model", "provider", "status"],
      registers,
    }),
    duration: new Histogram({
      name: "aigc_task_duration_seconds",
      help: "Time from submit to a terminal status",
      labelNames: ["kind", "status"],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    }),
    lag: new Histogram({
      name: "aigc_task_completion_lag_seconds",
      help: "Time from the provider finishing a task to it being completed here (results stored)",
      labelNames: ["kind", "provider"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    steps: new Counter({
      name: "aigc_task_steps_total",
      help: "Runner steps by outcome (submitted, polled, retry, completed, failed, …)",
      labelNames: ["kind", "provider", "outcome"],
      registers,
    }),
  };
  return metrics.tasks;
}
