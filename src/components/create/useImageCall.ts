"use client";
import { useEffect, useRef, useState } from "react";
import { settledCharge } from "@/lib/client/balance";
import { notifyGenerations } from "@/lib/client/generations-store";
import { ClientApiError, newRequestId } from "@/lib/client/http";
import type { ImageResult } from "@/lib/client/images";
import type { CatalogModel } from "@/lib/client/models";
import type { CallOperation, CallRecord } from "./CallSummary";

const isAbort = (err: unknown) => err instanceof DOMException && err.name === "AbortError";

/**
 * Runs one image call and reports it: results, error, busy flag with its start time (the footer
 * shows the elapsed time), cancel, and the call summary. Every finished call is also in my
 * generations, which is told to reload.
 */
export function useImageCall(operation: CallOperation, onCall: (r: CallRecord) => void) {
  const [results, setResults] = useState<ImageResult[]>([]);
  const [published, setPublished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [succeeded, setSucceeded] = useState(false);
  const [error, setError] = useState<ClientApiError | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function run(
    model: CatalogModel,
    persist: boolean,
    call: (requestId: string, signal: AbortSignal) => Promise<ImageResult[]>,
  ) {
    const requestId = newRequestId();
    const abort = new AbortController();
    controller.current = abort;
    setBusy(true);
    setStartedAt(Date.now());
    setSucceeded(false);
    setError(null);
    // The running call is what the summary shows, not the previous one.
    const record: CallRecord = {
      model: model.slug,
      modelName: model.displayName,
      operation,
      credits: null,
      latencyMs: 0,
      outcome: "running",
    };
    onCall(record);
    const started = performance.now();
    let outcome: CallRecord["outcome"] = "success";
    try {
      const images = await call(requestId, abort.signal);
      setResults(images);
      setPublished(persist && images.some((i) => i.assetId));
      setSucceeded(true);
      notifyGenerations();
    } catch (err) {
      if (isAbort(err)) outcome = "stopped";
      else {
        outcome = "failed";
        setError(
          err instanceof ClientApiError ? err : new ClientApiError("请求失败，请重试", 0, "error"),
        );
      }
    } finally {
      controller.current = null;
      setBusy(false);
      setStartedAt(null);
    }
    const done: CallRecord = { ...record, latencyMs: performance.now() - started, outcome };
    onCall(done);
    const charge = await settledCharge(requestId);
    onCall({ ...done, credits: charge?.charged ?? 0 });
  }

  return {
    results,
    published,
    busy,
    startedAt,
    succeeded,
    error,
    clearError: () => setError(null),
    cancel: () => controller.current?.abort(),
    run,
  };
}
