// What the chat benches share (bench/chat.ts against Portkey, bench/ab.ts against another build of
// ours): the closed-loop load and an app set up for billed chat against the mock upstream.
import http from "node:http";
import { BENCH_ADMIN, json, pct } from "./lib";

export const MESSAGES = [
  { role: "user", content: "Write one friendly sentence about benchmarks." },
];

export type Target = { url: string; headers: Record<string, string>; body: string };
export type Result = {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
};

/** The options of one POST of `target` on `agent` (the load's and the stream bench's). */
export function postTo(agent: http.Agent, target: Target): http.RequestOptions {
  const url = new URL(target.url);
  return {
    agent,
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
  };
}

/** Closed-loop load: `connections` keep-alive sockets, each sending the next request on answer. */
export async function load(target: Target, connections: number, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const options = postTo(agent, target); // built once, not per request
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(options, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(target.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
  };
}

/**
 * A billed chat model ("bench-chat", fixed + per-token pricing) on the mock upstream, and a user
 * with a billion credits: the admin's token, the user's, and the request to load the app with.
 */
export async function setUpChat(
  appUrl: string,
  upstreamUrl: string,
): Promise<{ admin: string; token: string; viaApp: Target }> {
  const admin = (await json(appUrl, "/api/auth/token", BENCH_ADMIN)).token as string;
  const provider = (
    await json(
      appUrl,
      "/api/admin/ai/providers",
      { slug: "bench", name: "Bench upstream", baseURL: upstreamUrl, apiKey: "sk-bench" },
      admin,
    )
  ).item as { id: string };
  await json(
    appUrl,
    "/api/admin/ai/models",
    {
      slug: "bench-chat",
      providerId: provider.id,
      upstreamModel: "gpt-4o-mini",
      capabilities: ["chat"],
      pricing: { chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0.5, output: 1 } } },
    },
    admin,
  );
  const email = `bench${Date.now()}@bench.local`;
  const user = (await json(appUrl, "/api/auth/register", { email, password: "bench-password" }))
    .user as { id: string };
  const token = (await json(appUrl, "/api/auth/token", { email, password: "bench-password" }))
    .token as string;
  await json(
    appUrl,
    "/api/credits/grant",
    { userId: user.id, delta: 1_000_000_000, reason: "bench" },
    admin,
  );
  const viaApp: Target = {
    url: `${appUrl}/v1/chat/completions`,
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: "bench-chat", messages: MESSAGES }),
  };
  return { admin, token, viaApp };
}
