import "server-only";
import type { Transaction } from "kysely";
import {
  type Executor,
  holdCredits,
  inTransaction,
  refundHold,
  settleCharge,
} from "@/lib/credits/ledger";
import { db } from "@/lib/db";
import type { CreditTransactionRow, Database } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { ApiError } from "@/lib/errors";
import { type AiCall, type CallOutcome, CLIENT_ABORTED, finishCall, usageOf } from "./call";
import { recordUsage } from "./usage";
import { holdGuards, withOperatorContact } from "./guards";
import { toUpstreamError, type UpstreamRef } from "@/lib/providers/errors";

// Money around a provider call: hold before, settle or refund after. A Charge finishes once;
// whichever of settle/fail comes first wins (a stream can end and be cancelled at once).

export type SettleInput = Omit<CallOutcome, "status" | "credits"> & {
  /** Credits to charge; capped by the hold. */
  credits: number;
  /** "success" unless the call ended early (e.g. "client_aborted"). */
  status?: string;
  meta?: Record<string, unknown>;
};

/**
 * Written in the same transaction as the settle or refund (a generation's task record, so a
 * replay of its requestId finds exactly what was paid for). If the record cannot be written the
 * money still moves, alone.
 */
export type ChargeRecord = (
  trx: Transaction<Database>,
  outcome: { status: "completed" | "failed"; charged: number; error: unknown },
) => Promise<void>;

type Extra<T> = (trx: Transaction<Database>, value: T) => Promise<void>;

/**
 * Moves the money and writes what goes with it (the call's usage row, a generation's record) in
 * one transaction. If those cannot be written the money still moves, alone; `written` says which.
 */
async function withExtras<T>(
  requestId: string,
  money: (executor: Executor) => Promise<T>,
  extras: Extra<T>[],
): Promise<{ value: T; written: boolean }> {
  if (!extras.length) return { value: await money(db), written: false };
  try {
    const value = await inTransaction(db, async (trx) => {
      const v = await money(trx);
      for (const extra of extras) await extra(trx, v);
      return v;
    });
    return { value, written: true };
  } catch (err) {
    logger.error(
      { requestId, err: { message: (err as Error).message } },
      "call record not written",
    );
    return { value: await money(db), written: false };
  }
}

export class Charge {
  private finishing: Promise<unknown> | null = null;

  constructor(
    readonly call: AiCall,
    /** The pending ledger row of the hold (settled or refunded by its id and status). */
    readonly hold: CreditTransactionRow,
    /** The credits held: the most this call may cost. */
    readonly held: number,
    readonly record?: ChargeRecord,
  ) {}

  get holdId(): string {
    return this.hold.id;
  }

  get finished(): boolean {
    return this.finishing !== null;
  }

  /**
   * Settles or refunds with the call's usage row (and record) in one transaction, then the
   * metrics sample and log line. The call is marked finished first so that no other finisher
   * writes a second usage row meanwhile.
   */
  private async finish(
    money: (executor: Executor) => Promise<number>,
    outcome: (charged: number) => CallOutcome,
    record: Extra<number> | undefined,
  ): Promise<number> {
    const ownsUsage = !this.call.finished;
    this.call.finished = true;
    const extras: Extra<number>[] = record ? [record] : [];
    if (ownsUsage)
      extras.push(async (trx, charged) => {
        const usage = usageOf(this.call, outcome(charged));
        if (usage) await recordUsage(usage, trx);
      });
    const { value: charged, written } = await withExtras(this.call.requestId, money, extras);
    if (ownsUsage) {
      this.call.finished = false;
      await finishCall(this.call, outcome(charged), written);
    }
    return charged;
  }

  /** Charges `credits` (never above the hold), releases the rest, records the call. */
  async settle(input: SettleInput): Promise<number> {
    if (this.finishing) return (await this.finishing, 0);
    const meta = {
      operation: this.call.operation,
      tokensIn: input.tokensIn,
      tokensOut: input.tokensOut,
      ...input.meta,
    };
    const record = this.record;
    const p = this.finish(
      (trx) => settleCharge(this.hold, Math.min(this.held, input.credits), meta, trx),
      (charged) => ({ ...input, status: input.status ?? "success", credits: charged }),
      record && ((trx, c) => record(trx, { status: "completed", charged: c, error: null })),
    );
    this.finishing = p;
    return p;
  }

  /**
   * Refunds the whole hold and returns the error to answer with: provider failures become
   * 502/504 with the provider's slug, our own errors pass through.
   */
  async fail(err: unknown, outcome: Partial<CallOutcome> = {}): Promise<unknown> {
    const mapped = mapError(err, this.call.upstream ?? { slug: "unknown", secrets: () => [] });
    if (this.finishing) return (await this.finishing, mapped);
    // A client that went away aborted the provider call itself: not the provider's failure.
    const status = this.call.req.signal.aborted
      ? CLIENT_ABORTED
      : mapped instanceof ApiError
        ? mapped.code
        : "internal_error";
    const record = this.record;
    this.finishing = this.finish(
      async (trx) => (
        await refundHold(this.hold, { operation: this.call.operation, error: status }, trx),
        0
      ),
      () => ({ ...outcome, status, credits: 0 }),
      record && ((trx) => record(trx, { status: "failed", charged: 0, error: mapped })),
    );
    await this.finishing;
    return mapped;
  }
}

function mapError(err: unknown, provider: UpstreamRef): unknown {
  try {
    return toUpstreamError(err, provider);
  } catch {
    return err;
  }
}

/**
 * Pre-charges `amount` for the call, within its daily quota and its key's credit limit (429
 * quota_exceeded), its balance (402) and its requestId (409). `meta` carries what the quota
 * counts (`n` images, `seconds` of video; see src/lib/quotas/units.ts).
 */
export async function openCharge(
  call: AiCall,
  amount: number,
  meta: Record<string, unknown> = {},
  record?: ChargeRecord,
): Promise<Charge> {
  if (!call.model || !call.provider) throw new Error("openCharge before resolveFor");
  const guards = await holdGuards(call, meta);
  let hold;
  try {
    hold = await holdCredits(call.user.id, amount, call.requestId, {
      reason: call.operation,
      providerSlug: call.provider.slug,
      modelSlug: call.model.slug,
      meta: { operation: call.operation, ...meta },
      ...guards,
    });
  } catch (err) {
    throw await withOperatorContact(err);
  }
  return new Charge(call, hold, amount, record);
}

export type BilledResult<T> = SettleInput & { value: T };

/**
 * hold → run → settle, or refund on any failure. `run` gets an AbortSignal that fires when the
 * client goes away, and returns the value to answer with plus what to charge.
 */
export async function billedCall<T>(
  call: AiCall,
  amount: number,
  run: (signal: AbortSignal, charge: Charge) => Promise<BilledResult<T>>,
  meta: Record<string, unknown> = {},
  record?: ChargeRecord,
): Promise<T> {
  return runBilled(call, await openCharge(call, amount, meta, record), run);
}

/** run → settle, or refund on any failure, for a charge the caller already opened. */
export async function runBilled<T>(
  call: AiCall,
  charge: Charge,
  run: (signal: AbortSignal, charge: Charge) => Promise<BilledResult<T>>,
): Promise<T> {
  let result: BilledResult<T>;
  try {
    result = await run(call.req.signal, charge);
  } catch (err) {
    throw await charge.fail(err);
  }
  await charge.settle(result);
  return result.value;
}
