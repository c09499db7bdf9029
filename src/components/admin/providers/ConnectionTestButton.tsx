"use client";

import { useState } from "react";
import { adminApi, errorText } from "../api";
import { btn } from "../common/styles";
import type { ConnectionTest } from "../types";

/** 连接测试: GET {baseURL}/models through the server; shows latency and model count or the clean error. */
export function ConnectionTestButton({
  providerId,
  providerName,
}: {
  providerId: string;
  providerName: string;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(
        await adminApi<ConnectionTest>("/api/admin/ai/providers/test", { body: { providerId } }),
      );
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        className={btn.secondary}
        onClick={run}
        disabled={busy}
        aria-label={`连接测试：${providerName}`}
      >
        {busy ? "测试中…" : "连接测试"}
      </button>
      <p role="status" aria-live="polite" className="max-w-56 text-xs break-words">
        {result?.ok && (
          <span className="text-neutral-900">
            ✓ 连接成功 · {result.latencyMs} ms
            {result.modelCount !== undefined && ` · ${result.modelCount} 个模型`}
          </span>
        )}
        {result && !result.ok && (
          <span className="font-medium text-black">
            ✗ 连接失败{result.error ? `：${result.error}` : ""}（{result.latencyMs} ms）
          </span>
        )}
        {failure && <span className="font-medium text-black">✗ {failure}</span>}
      </p>
    </div>
  );
}
