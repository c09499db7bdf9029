import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { applyCors } from "@/lib/api/cors-route";
import { clientIp, handleError } from "@/lib/api/handler";
import { readCredential } from "@/lib/auth/credential";
import type { ApiKeyRow, UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { observeCall } from "@/lib/metrics";
import type { Operation } from "@/lib/operations/registry";
import { noteKeyUse } from "@/lib/keys/authenticate";
import { callerRules, enforceLimits, keyRules, modelRules } from "@/lib/rate-limit";
import { resolveModel } from "@/lib/catalog/resolve";
import type { AiModelView } from "@/lib/catalog/views";
import type { ProviderView } from "@/lib/catalog/views";
import { assertKeyAllowsModel } from "./guards";
import { recordUsage, type UsageRecord } from "./usage";
import { upstreamRef } from "@/lib/providers/access";
import { OVERLOAD_RETRY_AFTER } from "@/lib/providers/overload";
import { isSaturated } from "@/lib/providers/pool";
import type { UpstreamRef } from "@/lib/providers/errors";

// The life of one billed AI call, shared by chat and images:
//   aiRoute      auth (session, login token or personal key) → per-user/IP/key limit (before any
//                lookup) → handler → error shape + x-request-id
//   adoptRequestId body `requestId` or Idempotency-Key, else generated (unique per user, §4)
//   resolveFor   model + provider for the operation → the key's model list → per-model rpm limit
//   openCharge   hold credits (with the daily quota and the key's credit limit, guards.ts)
//                → Charge.settle(actual) | Charge.fail(err)
// Every call that reaches a model ends in exactly one AiUsage row, one metrics sample and one
// log line, whichever way it ends.

export type AiOperation = Operation;

export type AiCall = {
  readonly operation: AiOperation;
  readonly req: NextRequest;
  readonly user: UserRow;
  /** The personal API key the call came in on (null for a session or login token). */
  readonly apiKey: ApiKeyRow | null;
  readonly ip: string;
  /** performance.now() at arrival. */
  readonly started: number;
  requestId: string;
  /** X-RateLimit-* to put on the answer. */
  limitHeaders: Record<string, string>;
  /** Headers the operation adds to a successful answer (e.g. x-aigc-max-tokens). */
  replyHeaders: Record<string, string>;
  model: AiModelView | null;
  provider: ProviderView | null;
  /** The provider for error mapping (scrubs its secrets from upstream text). */
  upstream: UpstreamRef | null;
  finished: boolean;
};

export type CallOutcome = {
  status: string;
  credits: number;
  tokensIn?: number;
  tokensOut?: number;
  finishReason?: string | null;
};

const requestIdSchema = z
  .string()
  .trim()
  .min(1, "requestId 不能为空")
  .max(200, "requestId 最长 200 个字符")
  .regex(/^[\x21-\x7e]+$/, "requestId 只能包含可见 ASCII 字符");

function headerRequestId(req: NextRequest): string | null {
  const key = req.headers.get("idempotency-key");
  if (key === null) return null;
  const parsed = requestIdSchema.safeParse(key);
  if (!parsed.success)
    throw new ApiError("invalid_request", `Idempotency-Key: ${parsed.error.issues[0].message}`, {
      param: "Idempotency-Key",
    });
  return parsed.data;
}

/** The call's requestId: the body's `requestId` wins over the Idempotency-Key header. */
export function adoptRequestId(call: AiCall, fromBody: unknown): string {
  if (fromBody !== undefined && fromBody !== null) {
    const parsed = requestIdSchema.safeParse(fromBody);
    if (!parsed.success)
      throw new ApiError("invalid_request", `requestId: ${parsed.error.issues[0].message}`, {
        param: "requestId",
      });
    call.requestId = parsed.data;
  }
  return call.requestId;
}

/** The call's usage row for `outcome`, or null when it never got as far as a model. */
export function usageOf(call: AiCall, outcome: CallOutcome): UsageRecord | null {
  const model = call.model?.slug;
  const provider = call.provider?.slug;
  if (!model || !provider) return null;
  return {
    ...outcome,
    userId: call.user.id,
    apiKeyId: call.apiKey?.id ?? null,
    providerSlug: provider,
    modelSlug: model,
    operation: call.operation,
    requestId: call.requestId,
    costCredits: outcome.credits,
    latencyMs: performance.now() - call.started,
  };
}

/**
 * Writes the call's one usage row, metrics sample and log line (once). `usageWritten`: the row
 * went in with the call's settle or refund (src/lib/gateway/charge.ts), in one transaction.
 */
export async function finishCall(
  call: AiCall,
  outcome: CallOutcome,
  usageWritten = false,
): Promise<void> {
  if (call.finished) return;
  call.finished = true;
  const latencyMs = performance.now() - call.started;
  const model = call.model?.slug ?? null;
  const provider = call.provider?.slug ?? null;
  observeCall({
    operation: call.operation,
    model,
    provider,
    status: outcome.status,
    seconds: latencyMs / 1000,
    credits: outcome.credits,
  });
  const line = {
    requestId: call.requestId,
    userId: call.user.id,
    keyId: call.apiKey?.id,
    operation: call.operation,
    model,
    provider,
    status: outcome.status,
    latencyMs: Math.round(latencyMs),
    credits: outcome.credits,
    tokensIn: outcome.tokensIn,
    tokensOut: outcome.tokensOut,
  };
  if (outcome.status === "success") logger.info(line, "ai call");
  else logger.warn(line, "ai call");
  const usage = usageWritten ? null : usageOf(call, outcome);
  if (!usage) return;
  try {
    await recordUsage(usage);
  } catch (err) {
    // The money already moved in its own transaction; a lost usage row must not fail the call.
    logger.error(
      { requestId: call.requestId, err: { message: (err as Error).message } },
      "usage row not written",
    );
  }
}

/** Looks the model up for this operation and counts the call against the model's rpm. */
export async function resolveFor(call: AiCall, slug: string, providerSlug?: string | null) {
  const resolved = await resolveModel(slug, call.operation, providerSlug ?? undefined);
  call.model = resolved.model;
  call.provider = resolved.provider;
  call.upstream = upstreamRef(resolved.providerRow);
  assertKeyAllowsModel(call.apiKey, resolved.model.slug);
  // Refused before any credit is held when the provider's pool and queue are already full.
  if (isSaturated(resolved.providerRow.baseURL))
    throw new ApiError(
      "service_unavailable",
      `上游服务 ${resolved.provider.slug} 繁忙，请稍后重试`,
      {
        provider: resolved.provider.slug,
        headers: { "retry-after": String(OVERLOAD_RETRY_AFTER) },
      },
    );
  const headers = await enforceLimits(
    modelRules(resolved.model.slug, resolved.model.rateLimit?.rpm),
  );
  if (
    headers["x-ratelimit-remaining"] &&
    Number(headers["x-ratelimit-remaining"]) <
      Number(call.limitHeaders["x-ratelimit-remaining"] ?? Infinity)
  ) {
    call.limitHeaders = headers;
  }
  return resolved;
}

/** Usage and metrics status of a call whose client went away before it finished. */
export const CLIENT_ABORTED = "client_aborted";

function errorStatus(err: unknown, req?: Request): string {
  if (req?.signal.aborted) return CLIENT_ABORTED;
  return err instanceof ApiError
    ? err.code
    : err instanceof z.ZodError || err instanceof SyntaxError
      ? "invalid_request"
      : "internal_error";
}

/**
 * Route wrapper for AI endpoints. Errors are answered with the call's requestId (so a client
 * can quote it), and with the rate-limit headers.
 */
export function aiRoute(operation: AiOperation, handler: (call: AiCall) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const started = performance.now();
    let requestId = newId("req_");
    let call: AiCall | null = null;
    try {
      requestId = headerRequestId(req) ?? requestId;
      const credential = await readCredential(req);
      if (credential.status === "invalid") throw credential.error;
      if (credential.status === "none")
        throw new ApiError("unauthorized", "请先登录，或提供有效的 API 密钥 / Bearer token");
      const { user, apiKey } = credential.credential;
      call = {
        operation,
        req,
        user,
        apiKey,
        ip: clientIp(req),
        started,
        requestId,
        limitHeaders: {},
        replyHeaders: {},
        model: null,
        provider: null,
        upstream: null,
        finished: false,
      };
      if (apiKey) noteKeyUse(apiKey, call.ip);
      call.limitHeaders = await enforceLimits([
        ...callerRules(user.id, call.ip),
        ...(apiKey ? keyRules(apiKey.id, apiKey.rpm) : []),
      ]);
      const res = applyCors(req, await handler(call));
      for (const [k, v] of Object.entries(call.limitHeaders)) res.headers.set(k, v);
      for (const [k, v] of Object.entries(call.replyHeaders)) res.headers.set(k, v);
      res.headers.set("x-request-id", call.requestId);
      return res;
    } catch (err) {
      if (call) {
        await finishCall(call, { status: errorStatus(err, req), credits: 0 });
      } else {
        observeCall({
          operation,
          model: null,
          provider: null,
          status: errorStatus(err, req),
          seconds: (performance.now() - started) / 1000,
          credits: 0,
        });
      }
      const res = applyCors(req, handleError(err, call?.requestId ?? requestId));
      for (const [k, v] of Object.entries(call?.limitHeaders ?? {}))
        if (!res.headers.has(k)) res.headers.set(k, v);
      return res;
    }
  };
}
