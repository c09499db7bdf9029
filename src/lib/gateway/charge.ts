import "server-only";
import { holdCredits, refundHold, settleCharge } from "@/lib/credits/ledger";
import { ApiError } from "@/lib/errors";
import { type AiCall, type CallOutcome, finishCall } from "./call";
import { holdGuards, withOperatorContact } from "./guards";
import { toUpstreamError, type UpstreamRef } from "@/lib/providers/errors";

// Money around a provider call: hold before, settle or refund after. A Charge finishes once;
// whichever of settle/fail comes first wins (a stream can end and be cancelled at once).

export type SettleInput = Omit<CallOutcome, "status" | "credits"> & {
  /** Credits to charge; capped by the hold. */
  credits: number;
  /** "success" unless the call ended early (e.g. "aborted"). */
  status?: string;
  meta?: Record<string, unknown>;
};

export class Charge {
  private finishing: Promise<unknown> | null = null;

  constructor(
    readonly call: AiCall,
    readonly holdId: string,
    /** The credits held: the most this call may cost. */
    readonly held: number,
  ) {}

  get finished(): boolean {
    return this.finishing !== null;
  }

  /** Charges `credits` (never above the hold), releases the rest, records the call. */
  async settle(input: SettleInput): Promise<number> {
    if (this.finishing) return (await this.finishing, 0);
    const run = async () => {
      const meta = {
        operation: this.call.operation,
        tokensIn: input.tokensIn,
        tokensOut: input.tokensOut,
        ...input.meta,
      };
      const charged = await settleCharge(this.holdId, Math.min(this.held, input.credits), meta);
      await finishCall(this.call, {
        ...input,
        status: input.status ?? "success",
        credits: charged,
      });
      return charged;
    };
    const p = run();
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
    const status = mapped instanceof ApiError ? mapped.code : "internal_error";
    this.finishing = (async () => {
      await refundHold(this.holdId, { operation: this.call.operation, error: status });
      await finishCall(this.call, { ...outcome, status, credits: 0 });
    })();
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
  return new Charge(call, hold.id, amount);
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
): Promise<T> {
  const charge = await openCharge(call, amount, meta);
  let result: BilledResult<T>;
  try {
    result = await run(call.req.signal, charge);
  } catch (err) {
    throw await charge.fail(err);
  }
  await charge.settle(result);
  return result.value;
}
