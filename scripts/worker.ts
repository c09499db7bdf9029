// `npm run worker`: a task worker process next to any number of web instances (contract §8).
// It shares the app's database (DATABASE_URL) and media storage (DATA_DIR or S3_*); with
// REDIS_URL it takes jobs from the BullMQ queue, otherwise it claims due tasks from the
// database itself. Web instances can leave all task work to workers with TASK_WORKER=0.
import { migrateToLatest } from "@/lib/db";
import { assertProductionReady } from "@/lib/env";
import { logger } from "@/lib/logger";
import { runnerInfo, startTaskRunner, stopTaskRunner } from "@/lib/tasks/runner";

assertProductionReady();
await migrateToLatest();
await startTaskRunner();
logger.info(runnerInfo(), "task worker ready");

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "task worker stopping");
    void stopTaskRunner().finally(() => process.exit(0));
  });
}
