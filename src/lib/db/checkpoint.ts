import "server-only";
import type SQLite from "better-sqlite3";
import { Worker } from "node:worker_threads";

// SQLite in WAL mode copies the log back into the database file ("checkpoint") every 1,000 pages,
// inside whichever commit crosses the line, and fsyncs both files there: on the server's one
// thread that is a pause of milliseconds for every request in flight. So a worker thread with its
// own connection does that work: a PASSIVE checkpoint (never blocks readers or writers) a few
// times a second. The request thread keeps an automatic checkpoint, but at 10,000 pages: under
// constant writes the log only starts over when a writer finds it fully copied, which the worker
// alone cannot arrange; by then the worker has copied nearly all of it, so that checkpoint is
// short, and the log stays bounded (~40 MB). Should the worker stop, the default comes back.

const EVERY_MS = 250;

// Plain CommonJS run in the worker; better-sqlite3 is resolved from the app's directory.
const WORKER = `
const { createRequire } = require("node:module");
const { workerData } = require("node:worker_threads");
const Database = createRequire(workerData.base)("better-sqlite3");
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy or locked: the next round catches up
  }
}, workerData.everyMs);
`;

/**
 * Starts the checkpoint thread for `database`; returns what stops it (resolves once the thread,
 * and so its own connection to the file, is gone: before the file may be removed).
 */
export function checkpointInBackground(
  database: SQLite.Database,
  file: string,
): () => Promise<void> {
  // A log that grew in a burst is cut back once it has been checkpointed.
  database.pragma("journal_size_limit = 67108864");
  let worker: Worker;
  try {
    worker = new Worker(WORKER, {
      eval: true,
      workerData: { file, base: `${process.cwd()}/`, everyMs: EVERY_MS },
      // It allocates next to nothing: a small young generation keeps the thread at ~8 MB of
      // memory instead of ~15. Should it still run out, it exits and the default comes back.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
  } catch {
    // no worker threads here: SQLite's automatic checkpoints stay on
    return async () => {};
  }
  worker.unref();
  database.pragma("wal_autocheckpoint = 10000");
  const fallBack = () => {
    try {
      database.pragma("wal_autocheckpoint = 1000");
    } catch {
      // the connection is closed: nothing left to checkpoint for
    }
  };
  worker.once("error", fallBack);
  worker.once("exit", fallBack);
  return async () => {
    await worker.terminate();
  };
}
