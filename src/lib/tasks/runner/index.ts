import "server-only";
import type { Queue, Worker } from "bullmq";
import { hostname } from "node:os";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { claimDue, claimOne, dueUnlocked } from "./claim";
import { onTaskDue } from "./due";
import { sweepTimeouts, workOn } from "./work";

// The task runner. The database row is the record; this only decides who works on what, when.
//
// Embedded (default): a loop in this process claims due tasks with a lease (UPDATE … RETURNING,
// SKIP LOCKED on PostgreSQL) and runs up to TASK_CONCURRENCY steps at once. Any number of
// processes may run it against one database; a claim never hands a task to two of them.
//
// With REDIS_URL: scheduling goes through BullMQ — every step ends by queueing the task's next
// poll as a delayed job, and workers (web instances with TASK_WORKER=1, `npm run worker`
// processes) take jobs; each job still claims its task's lease before doing anything, so a
// duplicate or stale job is harmless. A sweep re-queues due tasks whose job was lost (Redis
// flushed, a crash between commit and enqueue), so Redis can be lost without losing a task.
//
// Either way, a live task whose worker died is claimed again once its lease lapses, and a sweep
// fails (and refunds) tasks past TASK_TIMEOUT_MS.

const QUEUE = "aigc-tasks";

type State = {
  workerId: string;
  started: boolean;
  stopping: boolean;
  inflight: Set<string>;
  wake: () => void;
  timers: NodeJS.Timeout[];
  queue: Promise<Queue> | null;
  worker: Worker | null;
  loop: Promise<void> | null;
};

const g = globalThis as unknown as { __aigcTaskRunner?: State };
const state: State = (g.__aigcTaskRunner ??= {
  workerId: `${hostname()}:${process.pid}:${newId().slice(0, 6)}`,
  started: false,
  stopping: false,
  inflight: new Set(),
  wake: () => undefined,
  timers: [],
  queue: null,
  worker: null,
  loop: null,
});

const usesQueue = () => !!env.REDIS_URL;

async function redisConnection() {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
  redis.on("error", (err) =>
    logger.warn({ err: { message: err.message } }, "task queue redis error"),
  );
  return redis;
}

function queue(): Promise<Queue> {
  state.queue ??= (async () => {
    const { Queue } = await import("bullmq");
    return new Queue(QUEUE, { connection: await redisConnection() });
  })();
  return state.queue;
}

async function enqueue(id: string, at: Date, jobId = `${id}-${at.getTime()}`): Promise<void> {
  const q = await queue();
  await q.add(
    "step",
    { taskId: id },
    {
      // One job per (task, due time): the same schedule queued twice is one job.
      jobId,
      delay: Math.max(0, at.getTime() - Date.now()),
      removeOnComplete: true,
      removeOnFail: true,
    },
  );
}

/** Tells the runner a task is due at `at` (now: a new task, a webhook). Never throws. */
export function scheduleTask(id: string, at: Date): void {
  if (usesQueue()) {
    void enqueue(id, at).catch((err) =>
      logger.warn(
        { taskId: id, err: { message: (err as Error).message } },
        "task not queued (the sweep will)",
      ),
    );
    return;
  }
  if (state.started && at.getTime() <= Date.now() + 5) state.wake();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      state.wake = () => undefined;
      resolve();
    }
    state.wake = done;
  });
}

function spawn(id: string, run: () => Promise<unknown>) {
  state.inflight.add(id);
  void run().finally(() => {
    state.inflight.delete(id);
    state.wake();
  });
}

async function embeddedLoop(): Promise<void> {
  const idle = Math.min(250, env.TASK_POLL_MIN_MS);
  while (!state.stopping) {
    const free = env.TASK_CONCURRENCY - state.inflight.size;
    let claimed = 0;
    if (free > 0) {
      try {
        const rows = await claimDue(free, state.workerId);
        claimed = rows.length;
        for (const row of rows) spawn(row.id, () => workOn(row, state.workerId));
      } catch (err) {
        logger.error({ err: { message: (err as Error).message } }, "task claim failed");
      }
    }
    if (claimed > 0 && claimed === free) continue;
    await sleep(idle);
  }
}

async function startQueueWorker(): Promise<void> {
  const { Worker } = await import("bullmq");
  state.worker = new Worker(
    QUEUE,
    async (job) => {
      const id = (job.data as { taskId?: string }).taskId;
      if (!id) return;
      const row = await claimOne(id, state.workerId);
      if (!row) return;
      state.inflight.add(id);
      try {
        const next = await workOn(row, state.workerId);
        if (next) await enqueue(id, next);
      } finally {
        state.inflight.delete(id);
      }
    },
    { connection: await redisConnection(), concurrency: env.TASK_CONCURRENCY },
  );
  state.worker.on("error", (err) =>
    logger.warn({ err: { message: err.message } }, "task worker error"),
  );
  // Re-queue due tasks whose job went missing or died with its worker (BullMQ would only
  // notice a stalled job after its own 30 s check). One job id per task per 5 s window keeps the
  // queue from filling up; an extra job is harmless, its claim finds nothing to do.
  const rescue = setInterval(() => {
    const window = Math.floor(Date.now() / 5000);
    void dueUnlocked(1000)
      .then((rows) =>
        Promise.all(rows.map((r) => enqueue(r.id, new Date(), `rescue-${r.id}-${window}`))),
      )
      .catch((err) =>
        logger.warn({ err: { message: (err as Error).message } }, "task rescue sweep failed"),
      );
  }, 2000);
  rescue.unref();
  state.timers.push(rescue);
}

onTaskDue((id) => scheduleTask(id, new Date()));

/** Starts working on tasks in this process (boot, and `npm run worker`). Idempotent. */
export async function startTaskRunner(): Promise<void> {
  if (state.started) return;
  state.started = true;
  state.stopping = false;
  const sweep = setInterval(
    () => void sweepTimeouts().catch(() => undefined),
    Math.max(1000, Math.min(10_000, env.TASK_TIMEOUT_MS / 4)),
  );
  sweep.unref();
  state.timers.push(sweep);
  if (usesQueue()) await startQueueWorker();
  else state.loop = embeddedLoop();
  logger.info(
    {
      workerId: state.workerId,
      mode: usesQueue() ? "bullmq" : "embedded",
      concurrency: env.TASK_CONCURRENCY,
    },
    "task runner started",
  );
}

/** Stops taking new work and waits (up to `graceMs`) for steps in flight. */
export async function stopTaskRunner(graceMs = 10_000): Promise<void> {
  if (!state.started) return;
  state.stopping = true;
  state.wake();
  for (const t of state.timers) clearInterval(t);
  state.timers = [];
  await state.worker?.close().catch(() => undefined);
  const deadline = Date.now() + graceMs;
  while (state.inflight.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await state.loop;
  state.started = false;
  if (state.queue) await (await state.queue).close().catch(() => undefined);
  state.queue = null;
  state.worker = null;
}

export const runnerInfo = () => ({
  workerId: state.workerId,
  started: state.started,
  inflight: state.inflight.size,
  mode: usesQueue() ? "bullmq" : "embedded",
});
