import { afterAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { sqlQuery } from "../helpers/db";
import { grantCredits } from "../helpers/images";
import { inspectMp4 } from "../helpers/mp4";
import { expectLedgerConsistent, waitAllTerminal } from "../helpers/tasks";

// kill -9 with 50 tasks in flight on the built-in mock, then a restart on the same database and
// data dir: every task reaches a terminal state, each is charged or refunded once, no hold is
// lost or doubled, and completed ones have their video.

const ENV = {
  SEED_DEMO: "0",
  SIGNUP_CREDITS: "0",
  MOCK_VIDEO_MS: "2500",
  TASK_POLL_MIN_MS: "100",
  TASK_LEASE_MS: "1500",
  RATE_LIMIT_USER_PER_MIN: "100000",
  RATE_LIMIT_IP_PER_MIN: "100000",
};

let app: App | null = null;
afterAll(async () => {
  await app?.stop();
});

describe("crash safety", () => {
  it("kill -9 mid-flight, restart: all 50 tasks finish, charged once, ledger = balance", async () => {
    const first = await startApp(ENV);
    app = first;
    const users = await Promise.all(Array.from({ length: 5 }, () => first.register()));
    for (const u of users) await grantCredits(first, u.id, 100);
    const ids: { id: string; token: string; fail: boolean }[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const u = users[i % 5];
        const fail = i % 7 === 0;
        // Two distinct clips (the mock renders each once), a few failing.
        const prompt = `crash test scene ${i % 2}${fail ? " #fail" : ""}`;
        const res = await api(first, u.token)("/v1/videos", {
          body: { model: "mock-video", prompt },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        ids.push({ id: res.body.id, token: u.token, fail });
      }),
    );
    // Let the runner get going: submitted, polling, some perhaps storing results.
    await new Promise((r) => setTimeout(r, 1200));
    const live = await sqlQuery<{ n: number | string }>(
      first.databaseUrl,
      `select count(*) as n from tasks where status in ('queued', 'in_progress')`,
    );
    expect(Number(live[0].n)).toBeGreaterThan(25);
    await first.kill9();
    // A held lease belongs to the dead process until it lapses; then the new one takes over.
    const second = await startApp(
      { ...ENV, DATABASE_URL: first.databaseUrl },
      { dataDir: first.dataDir },
    );
    app = second;
    await waitAllTerminal(second.databaseUrl, 90_000);
    await expectLedgerConsistent(second.databaseUrl);
    for (const { id, token, fail } of ids) {
      const task = await api(second, token)(`/api/tasks/${id}`);
      expect(task.body.status, id).toBe(fail ? "failed" : "completed");
      expect(task.body.credits.charged, id).toBe(fail ? 0 : 8);
    }
    const done = ids.find((t) => !t.fail)!;
    const res = await fetch(`${second.url}/v1/videos/${done.id}/content`, {
      headers: { authorization: `Bearer ${done.token}` },
    });
    expect(inspectMp4(Buffer.from(await res.arrayBuffer())).codec).toBe("avc1");
    for (const u of users) {
      const mine = ids.filter((t) => t.token === u.token);
      const spent = mine.filter((t) => !t.fail).length * 8;
      const bal = await api(second, u.token)("/api/credits/balance");
      expect(bal.body.credits).toBe(100 - spent);
    }
    // Two app starts, a crash and a lease to lapse: more than the default minute on a busy machine.
  }, 180_000);
});
