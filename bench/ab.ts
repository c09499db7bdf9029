// `npm run bench:ab`: this build of ours against another build of ours (a baseline), billed chat
// on SQLite, in one run. For a change whose effect is smaller than this machine's drift between
// runs (a few percent of a call): both apps run side by side on one mock upstream, and the load
// alternates between them in short slices, so that whatever the machine does meanwhile falls on
// both alike. Per app and connection count: CPU per call (user and system time apart), the
// median of the slices' p50 latency, req/s, and RSS once warm.
//
//   git stash && NEXT_DIST_DIR=.next-base npx next build && git stash pop    (the baseline)
//   npm run build && BENCH_AB_BASELINE=.next-base npm run bench:ab
//
//   BENCH_AB_ROUNDS=10 BENCH_AB_SECONDS=2 BENCH_CONNECTIONS=1,64 tune it.
//
// One connection is the default and the steady figure: the same build against itself (A/A) came
// out at 1.003 for CPU per call. At 64 connections the two apps' garbage collections and commit
// batching drift apart much more (an A/A gave 1.14 over 6 rounds): read those over many rounds.
import { load, setUpChat, type Target } from "./chat-load";
import { BENCH_ADMIN, type BenchApp, proc, startBenchApp } from "./lib";
import { startMockUpstream } from "../tests/mocks/openai-server";

const BASELINE = process.env.BENCH_AB_BASELINE;
const CURRENT = process.env.NEXT_DIST_DIR || ".next";
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 10);
const SECONDS = Number(process.env.BENCH_AB_SECONDS ?? 2);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1").split(",").map(Number);

type Tally = { userMs: number; sysMs: number; calls: number; seconds: number; p50s: number[] };

async function main() {
  if (!BASELINE) {
    console.error("BENCH_AB_BASELINE=<the baseline's NEXT_DIST_DIR> is required (see bench/ab.ts)");
    process.exit(2);
  }
  const up = await startMockUpstream();
  const apps: { dist: string; app: BenchApp; viaApp: Target }[] = [];
  try {
    for (const dist of [BASELINE, CURRENT]) {
      const app = await startBenchApp("ab", {
        env: {
          NEXT_DIST_DIR: dist,
          ADMIN_EMAIL: BENCH_ADMIN.email,
          ADMIN_PASSWORD: BENCH_ADMIN.password,
          SEED_DEMO: "0",
        },
      });
      apps.push({ dist, app, ...(await setUpChat(app.url, up.url)) });
    }
    for (const a of apps) await load(a.viaApp, 8, 3);
    console.log(
      `\nbilled chat, ${ROUNDS} rounds of ${SECONDS}s slices alternating between the builds\n`,
    );
    console.log(
      "build        | conns | CPU ms/call (user + sys)  | p50 ms (median of slices) | req/s | RSS",
    );
    for (const conns of CONNECTIONS) {
      const tallies = apps.map((): Tally => ({
        userMs: 0,
        sysMs: 0,
        calls: 0,
        seconds: 0,
        p50s: [],
      }));
      for (let round = 0; round < ROUNDS; round++) {
        // Swap the order every round: neither build always runs right after the other.
        const order = round % 2 ? [1, 0] : [0, 1];
        for (const i of order) {
          const pid = apps[i].app.child.pid;
          const before = proc(pid);
          const r = await load(apps[i].viaApp, conns, SECONDS);
          const after = proc(pid);
          up.reset();
          const t = tallies[i];
          t.userMs += after.userMs - before.userMs;
          t.sysMs += after.sysMs - before.sysMs;
          t.calls += r.requests;
          t.seconds += SECONDS;
          t.p50s.push(r.p50);
        }
      }
      const rows = tallies.map((t, i) => {
        const p50s = [...t.p50s].sort((a, b) => a - b);
        return {
          dist: apps[i].dist,
          user: t.userMs / t.calls,
          sys: t.sysMs / t.calls,
          p50: p50s[p50s.length >> 1],
          rps: t.calls / t.seconds,
          rss: proc(apps[i].app.child.pid).rssMb,
        };
      });
      for (const r of rows)
        console.log(
          `${r.dist.padEnd(12)} | ${String(conns).padStart(5)} | ${(r.user + r.sys).toFixed(3)} ` +
            `(${r.user.toFixed(3)} + ${r.sys.toFixed(3)})     | ${r.p50.toFixed(3).padStart(25)} | ` +
            `${r.rps.toFixed(0).padStart(5)} | ${r.rss.toFixed(0)} MB`,
        );
      const [base, ours] = rows;
      console.log(
        `current/base |       | ${((ours.user + ours.sys) / (base.user + base.sys)).toFixed(3)}` +
          `${" ".repeat(19)} | ${(ours.p50 / base.p50).toFixed(3).padStart(25)} | ` +
          `${(ours.rps / base.rps).toFixed(2).padStart(5)} |`,
      );
    }
  } finally {
    for (const a of apps) a.app.child.kill("SIGTERM");
    await up.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
