import "server-only";
import type Redis from "ioredis";

// Sliding-window logs: a key remembers the time of each accepted call in the last window.
// A batch of rules is all-or-nothing, so a call refused by the IP limit does not also eat
// the user's quota.

export type Rule = { key: string; limit: number; windowMs: number };
export type RuleState = { rule: Rule; count: number; oldest: number | null };
export type Verdict = { allowed: boolean; states: RuleState[] };

export interface LimitStore {
  /** Counts one event against every rule if all have room (all-or-nothing). */
  hit(rules: Rule[], now: number): Promise<Verdict>;
  /** The same verdict as hit, without counting anything. */
  peek(rules: Rule[], now: number): Promise<Verdict>;
  /** Forgets everything counted under these keys. */
  reset(keys: string[]): Promise<void>;
}

/** A queue of timestamps with O(1) amortised push and expire. */
class Log {
  private times: number[] = [];
  private head = 0;

  expire(before: number): void {
    while (this.head < this.times.length && this.times[this.head] <= before) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
  get size() {
    return this.times.length - this.head;
  }
  get oldest(): number | null {
    return this.size ? this.times[this.head] : null;
  }
  get newest(): number | null {
    return this.size ? this.times[this.times.length - 1] : null;
  }
  push(t: number) {
    this.times.push(t);
  }
}

export class MemoryStore implements LimitStore {
  private logs = new Map<string, Log>();
  private lastSweep = 0;

  async hit(rules: Rule[], now: number): Promise<Verdict> {
    this.sweep(now);
    const logs = rules.map((rule) => {
      let log = this.logs.get(rule.key);
      if (!log) this.logs.set(rule.key, (log = new Log()));
      log.expire(now - rule.windowMs);
      return log;
    });
    const allowed = rules.every((rule, i) => logs[i].size < rule.limit);
    if (allowed) for (const log of logs) log.push(now);
    return {
      allowed,
      states: rules.map((rule, i) => ({ rule, count: logs[i].size, oldest: logs[i].oldest })),
    };
  }

  async peek(rules: Rule[], now: number): Promise<Verdict> {
    const states = rules.map((rule) => {
      const log = this.logs.get(rule.key);
      log?.expire(now - rule.windowMs);
      return { rule, count: log?.size ?? 0, oldest: log?.oldest ?? null };
    });
    return { allowed: states.every((s) => s.count < s.rule.limit), states };
  }

  async reset(keys: string[]): Promise<void> {
    for (const key of keys) this.logs.delete(key);
  }

  /** Drops keys idle for longer than any window, so memory follows active callers only. */
  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, log] of this.logs)
      if ((log.newest ?? 0) < now - 10 * 60_000) this.logs.delete(key);
  }
}

// KEYS = rule keys; ARGV = now, member, then limit and window per key. Checks every key
// before adding to any, in one atomic script, so instances sharing Redis share the limits.
const SCRIPT = `
local now = tonumber(ARGV[1])
local n = #KEYS
local counts, oldest = {}, {}
local allowed = 1
for i = 1, n do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  counts[i] = redis.call('ZCARD', KEYS[i])
  if counts[i] >= limit then allowed = 0 end
end
for i = 1, n do
  if allowed == 1 then
    redis.call('ZADD', KEYS[i], now, ARGV[2])
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 + 2 * i]))
    counts[i] = counts[i] + 1
  end
  local first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  oldest[i] = first[2] or '-1'
end
return {allowed, counts, oldest}
`;

// KEYS = rule keys; ARGV = now, then window per key: the counts without adding to them.
const PEEK_SCRIPT = `
local now = tonumber(ARGV[1])
local counts, oldest = {}, {}
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - tonumber(ARGV[1 + i]))
  counts[i] = redis.call('ZCARD', KEYS[i])
  local first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  oldest[i] = first[2] or '-1'
end
return {counts, oldest}
`;

export class RedisStore implements LimitStore {
  constructor(
    private redis: Redis,
    private prefix = "aigc:rl:",
  ) {}

  async hit(rules: Rule[], now: number): Promise<Verdict> {
    const args: (string | number)[] = [now, `${now}-${Math.random().toString(36).slice(2)}`];
    for (const r of rules) args.push(r.limit, r.windowMs);
    const keys = rules.map((r) => this.prefix + r.key);
    const [allowed, counts, oldest] = (await this.redis.eval(
      SCRIPT,
      keys.length,
      ...keys,
      ...args,
    )) as [number, number[], string[]];
    return {
      allowed: allowed === 1,
      states: rules.map((rule, i) => {
        const o = Number(oldest[i]);
        return { rule, count: Number(counts[i]), oldest: o >= 0 ? o : null };
      }),
    };
  }

  async peek(rules: Rule[], now: number): Promise<Verdict> {
    const keys = rules.map((r) => this.prefix + r.key);
    const [counts, oldest] = (await this.redis.eval(
      PEEK_SCRIPT,
      keys.length,
      ...keys,
      now,
      ...rules.map((r) => r.windowMs),
    )) as [number[], string[]];
    const states = rules.map((rule, i) => {
      const o = Number(oldest[i]);
      return { rule, count: Number(counts[i]), oldest: o >= 0 ? o : null };
    });
    return { allowed: states.every((s) => s.count < s.rule.limit), states };
  }

  async reset(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}
