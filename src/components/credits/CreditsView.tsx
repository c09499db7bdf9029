"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { type CreditTransaction, refreshBalance, useBalance } from "@/lib/client/balance";
import { ClientApiError, requestJson } from "@/lib/client/http";
import { TransactionTable } from "./TransactionTable";

const PAGE = 20;

/** Balance and the full ledger history, newest first, paged with a cursor. */
export function CreditsView() {
  const balance = useBalance();
  const [items, setItems] = useState<CreditTransaction[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (from: string | null) => {
    setState("loading");
    try {
      const qs = new URLSearchParams({ limit: String(PAGE) });
      if (from) qs.set("cursor", from);
      const page = await requestJson<{ items: CreditTransaction[]; nextCursor: string | null }>(
        `/api/credits/transactions?${qs}`,
        { cache: "no-store" },
      );
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setState("ready");
      setError(null);
    } catch (err) {
      setState("error");
      setError(err instanceof ClientApiError ? err.message : "加载失败");
    }
  }, []);

  useEffect(() => {
    void refreshBalance(true);
    // First page on mount; later pages on demand.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetching on mount is the point
    void load(null);
  }, [load]);

  return (
    <div className="flex flex-col gap-6">
      <section
        aria-labelledby="balance-heading"
        className="rounded-xl border border-neutral-200 p-5"
      >
        <h2 id="balance-heading" className="text-sm text-neutral-500">
          当前余额
        </h2>
        <p className="mt-1 text-4xl font-semibold tabular-nums" data-testid="credits-balance">
          {balance.credits === null
            ? balance.status === "error"
              ? "—"
              : "…"
            : balance.credits.toLocaleString("zh-CN")}
          <span className="ml-2 text-base font-normal text-neutral-500">积分</span>
        </p>
        <p className="mt-2 text-sm text-neutral-500">
          新用户注册即获赠积分；每次调用先预扣，完成后按实际用量结算，失败全额退回。
          <Link href="/create" className="ml-1 underline underline-offset-2">
            去创作
          </Link>
        </p>
      </section>

      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-base font-semibold">
          积分明细
        </h2>
        {state === "error" && error ? (
          <div
            role="alert"
            className="flex items-center justify-between gap-3 rounded-lg border border-neutral-900 px-3 py-2 text-sm"
          >
            <span>加载失败：{error}</span>
            <button
              type="button"
              onClick={() => void load(items.length ? cursor : null)}
              className="underline underline-offset-2"
            >
              重试
            </button>
          </div>
        ) : null}
        {state !== "loading" && !items.length && state !== "error" ? (
          <p className="rounded-lg border border-dashed border-neutral-300 px-4 py-8 text-center text-sm text-neutral-500">
            还没有积分记录。
          </p>
        ) : null}
        {items.length ? <TransactionTable items={items} /> : null}
        {state === "loading" ? (
          <div aria-busy="true" aria-label="正在加载" className="flex flex-col gap-2">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-10 animate-pulse rounded bg-neutral-100" />
            ))}
          </div>
        ) : null}
        {cursor && state === "ready" ? (
          <button
            type="button"
            onClick={() => void load(cursor)}
            className="mx-auto min-h-10 rounded-lg border border-neutral-900 px-5 text-sm font-medium hover:bg-neutral-900 hover:text-white"
          >
            加载更多
          </button>
        ) : null}
      </section>
    </div>
  );
}
