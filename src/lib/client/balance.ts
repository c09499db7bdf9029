"use client";
import { useEffect, useSyncExternalStore } from "react";
import { requestJson } from "./http";

// The signed-in user's balance, shared by the Topbar badge, the creator panels and /credits.
// One module-level store: any component that finishes a call runs refreshBalance() and every
// subscriber re-renders with the new number.

export type CreditTransaction = {
  id: string;
  delta: number;
  reason: string;
  status: "pending" | "success" | "failed";
  providerSlug: string | null;
  modelSlug: string | null;
  requestId: string | null;
  meta: Record<string, unknown>;
  createdAt: string;
  updatedAt?: string;
};

export type BalanceState = {
  status: "idle" | "loading" | "ready" | "error" | "signed-out";
  credits: number | null;
  recent: CreditTransaction[];
};

let state: BalanceState = { status: "idle", credits: null, recent: [] };
const listeners = new Set<() => void>();
let inflight: Promise<BalanceState> | null = null;

function set(next: BalanceState) {
  state = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const SERVER_STATE: BalanceState = { status: "idle", credits: null, recent: [] };

/**
 * Fetches the balance; concurrent callers share one request. `fresh` waits for any request already
 * in flight (it may have started before the caller's charge) and then asks again.
 */
export function refreshBalance(fresh = false): Promise<BalanceState> {
  if (inflight) return fresh ? inflight.then(() => refreshBalance()) : inflight;
  if (state.status !== "ready") set({ ...state, status: "loading" });
  inflight = requestJson<{ credits: number; recent: CreditTransaction[] }>("/api/credits/balance", {
    cache: "no-store",
  })
    .then(
      (b) => ({ status: "ready" as const, credits: b.credits, recent: b.recent ?? [] }),
      (err: { status?: number }) =>
        err?.status === 401
          ? { status: "signed-out" as const, credits: null, recent: [] }
          : { ...state, status: "error" as const },
    )
    .then((next) => {
      set(next);
      return next;
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/**
 * The live balance; loads it once on first use, unless `load` is false (the caller has a number
 * read just now, and every finished call refreshes the store anyway).
 */
export function useBalance({ load = true }: { load?: boolean } = {}): BalanceState {
  const snapshot = useSyncExternalStore(
    subscribe,
    () => state,
    () => SERVER_STATE,
  );
  useEffect(() => {
    if (load && state.status === "idle") void refreshBalance();
  }, [load]);
  return snapshot;
}

/**
 * The ledger row of one call, by its requestId. A stopped stream is settled by the server just
 * after the connection closes, so a still-pending row is polled briefly until it settles.
 */
export async function settledCharge(
  requestId: string,
  tries = 8,
): Promise<{ charged: number; status: string } | null> {
  for (let i = 0; i < tries; i++) {
    const b = await refreshBalance(true);
    const tx = b.recent.find((t) => t.requestId === requestId);
    if (tx && tx.status !== "pending")
      return { charged: tx.status === "success" ? -tx.delta : 0, status: tx.status };
    if (!tx && i >= 2) return null;
    await new Promise((r) => setTimeout(r, 250 * (i + 1)));
  }
  return null;
}
