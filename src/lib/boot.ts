import "server-only";
import { installServerHooks } from "@/lib/api/server-hooks";
import { seedMockProvider } from "@/lib/catalog/admin/mock-seed";
import { warmTokenizers } from "@/lib/gateway/tokens";
import { ensureAdmin } from "@/lib/auth/users";
import { startHoldSweeper } from "@/lib/credits/sweeper";
import { migrateToLatest } from "@/lib/db";
import { forgetGallery } from "@/lib/gallery/cache";
import { listenForChanges } from "@/lib/broadcast";
import { publicPagesChanged } from "@/lib/public-pages";
import { forgetSettings } from "@/lib/settings/store";
import { assertProductionReady, configureNextAuthOrigin, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { seedGalleryIfEmpty } from "@/lib/seed/gallery";
import { startTempSweeper } from "@/lib/uploads";
import { registerTaskGauges } from "@/lib/tasks/metrics";
import { startTaskRunner } from "@/lib/tasks/runner";
import { seedPresetWorkflows } from "@/lib/workflows/repo";

/** Runs once per server process before it takes requests (see src/instrumentation.ts). */
export async function boot(): Promise<void> {
  installServerHooks();
  configureNextAuthOrigin();
  assertProductionReady();
  await migrateToLatest();
  await ensureAdmin();
  await seedMockProvider();
  await seedPresetWorkflows();
  if (env.SEED_DEMO) {
    const seeded = await seedGalleryIfEmpty();
    if (seeded) logger.info({ seeded }, "seeded demo gallery");
  }
  // Registers this instance and refunds holds of dead ones, now and every sweep interval.
  const reaped = await startHoldSweeper();
  if (reaped) logger.warn({ reaped }, "refunded stale credit holds");
  registerTaskGauges();
  // Gallery and settings writes of other instances and task workers (REDIS_URL) drop what this
  // one keeps of them.
  listenForChanges({
    gallery: forgetGallery,
    settings: () => {
      forgetSettings();
      publicPagesChanged();
    },
  });
  // Tasks left in flight by a previous process (even a kill -9) are claimed again from here.
  if (env.TASK_WORKER) await startTaskRunner();
  const swept = await startTempSweeper(env.tmpDir);
  if (swept) logger.warn({ swept }, "removed leftover upload temp files");
  // Loading the BPE tables takes a moment; do it now, not on the first chat call.
  void warmTokenizers().catch((err) =>
    logger.warn({ err: { message: err.message } }, "tokenizer warm-up failed"),
  );
}

/**
 * A server that cannot migrate, or must refuse to run (production without secrets), exits
 * instead of serving errors.
 */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (err) {
    console.error(`[boot] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
