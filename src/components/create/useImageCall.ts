"use client";
import { useState } from "react";
import { settledCharge } from "@/lib/client/balance";
import { ClientApiError, newRequestId } from "@/lib/client/http";
import type { ImageResult } from "@/lib/client/images";
import type { CatalogModel } from "@/lib/client/models";
import type { CallOperation, CallRecord } from "./CallSummary";

/** Runs one image call and reports it: results, error, busy flag and the call summary. */
export function useImageCall(operation: CallOperation, onCall: (r: CallRecord) => void) {
  const [results, setResults] = useState<ImageResult[]>([]);
  const [published, setPublished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientApiError | null>(null);

  async function run(
    model: CatalogModel,
    persist: boolean,
    call: (requestId: string) => Promise<ImageResult[]>,
  ) {
    const requestId = newRequestId();
    setBusy(true);
    setError(null);
    const started = performance.now();
    let outcome: CallRecord["outcome"] = "success";
    try {
      const images = await call(requestId);
      setResults(images);
      setPublished(persist && images.some((i) => i.assetId));
    } catch (err) {
      outcome = "failed";
      setError(
        err instanceof ClientApiError ? err : new ClientApiError("请求失败，请重试", 0, "error"),
      );
    } finally {
      setBusy(false);
    }
    const record: CallRecord = {
      model: model.slug,
      modelName: model.displayName,
      operation,
      credits: null,
      latencyMs: performance.now() - started,
      outcome,
    };
    onCall(record);
    const charge = await settledCharge(requestId);
    onCall({ ...record, credits: charge?.charged ?? 0 });
  }

  return { results, published, busy, error, clearError: () => setError(null), run };
}
