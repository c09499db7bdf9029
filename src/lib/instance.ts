import "server-only";
import os from "node:os";
import { db, nowIso } from "@/lib/db";
import { newId } from "@/lib/ids";

// This app process among the others sharing the database. Each registers at boot and beats a
// heartbeat; pending credit holds carry the id of the process that owns them, so any instance can
// tell a live call's hold from one whose process died (kill -9, OOM, a lost host) and refund it.

const g = globalThis as unknown as { __aigcInstanceId?: string };
/** This process's id (one per process: route bundles and boot code share it). */
export const instanceId: string = (g.__aigcInstanceId ??= newId("ins_"));
const host = os.hostname();

/** Registers this process, or beats its heartbeat. */
export async function heartbeat(): Promise<void> {
  const now = nowIso();
  const updated = await db
    .updateTable("instances")
    .set({ heartbeatAt: now })
    .where("id", "=", instanceId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto("instances")
    .values({ id: instanceId, host, pid: process.pid, startedAt: now, heartbeatAt: now })
    .execute();
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The ids of instances that are alive: a heartbeat within `staleAfterMs`, except, on this host,
 * a process that is gone (its pid no longer runs, or it had our pid — a restarted container —
 * while not being us). So a restart on the same host frees a dead process's holds at once.
 */
export async function liveInstanceIds(staleAfterMs: number): Promise<string[]> {
  const cutoff = new Date(Date.now() - staleAfterMs).toISOString();
  const rows = await db
    .selectFrom("instances")
    .select(["id", "host", "pid"])
    .where("heartbeatAt", ">=", cutoff)
    .execute();
  const live = rows
    .filter(
      (r) =>
        r.id === instanceId ||
        r.host !== host ||
        (Number(r.pid) !== process.pid && pidAlive(Number(r.pid))),
    )
    .map((r) => r.id);
  return live.includes(instanceId) ? live : [...live, instanceId];
}

/** Forgets instances silent for longer than `olderThanMs` (their holds are refunded by then). */
export async function forgetInstances(olderThanMs: number): Promise<void> {
  const cutoff = new Date(Date.now() - olderThanMs).toISOString();
  await db.deleteFrom("instances").where("heartbeatAt", "<", cutoff).execute();
}
