"use client";
import { useEffect, useState } from "react";
import { useBalance } from "@/lib/client/balance";
import { fetchQuotas, limitedQuotas, type QuotaStatus } from "@/lib/client/account";
import { formatDateTime } from "@/components/keys/format";

/** Today's quotas; reloaded whenever the ledger moves (a call was just made, settled or refunded). */
function useQuotas(): { status: QuotaStatus | null; failed: boolean } {
  const { credits, recent } = useBalance();
  const latest = recent[0] ? `${recent[0].id}:${recent[0].status}` : "";
  const [status, setStatus] = useState<QuotaStatus | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetchQuotas().then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [credits, latest]);
  return { status, failed };
}

/** "今日剩余：生成图片 12 / 20 张 · 对话 180 / 200 次" — only when some operation has a limit. */
export function QuotaStrip() {
  const { status } = useQuotas();
  const limited = limitedQuotas(status);
  if (!limited.length) return null;
  return (
    <p className="mb-4 text-sm text-neutral-600" data-testid="quota-strip">
      今日剩余：
      {limited.map((q, i) => (
        <span key={q.operation} className={q.remaining === 0 ? "font-semibold text-black" : ""}>
          {i > 0 ? " · " : ""}
          {q.label} {q.remaining} / {q.limit} {q.unit}
        </span>
      ))}
    </p>
  );
}

/** Every operation's quota today, for /me. */
export function QuotaList() {
  const { status, failed } = useQuotas();
  if (failed && !status) return <p className="text-sm text-neutral-500">额度信息暂时无法加载。</p>;
  if (!status) return <p className="text-sm text-neutral-500">加载中…</p>;
  const limited = limitedQuotas(status);
  if (!limited.length) return <p className="text-sm text-neutral-600">今日各项功能均不限次数。</p>;
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-col gap-2" aria-label="今日额度">
        {limited.map((q) => (
          <li key={q.operation} className="flex flex-col gap-1">
            <div className="flex justify-between text-sm">
              <span>{q.label}</span>
              <span className="tabular-nums">
                剩余 {q.remaining} / {q.limit} {q.unit}
              </span>
            </div>
            <div className="h-1.5 overflow-hidden rounded-full bg-neutral-100" aria-hidden>
              <div
                className="h-full bg-black"
                style={{ width: `${Math.min(100, (q.used / Math.max(1, q.limit!)) * 100)}%` }}
              />
            </div>
          </li>
        ))}
      </ul>
      <p className="text-xs text-neutral-500">
        每天 00:00（{status.timezone}）重置，下次重置：{formatDateTime(status.resetsAt)}
      </p>
    </div>
  );
}
