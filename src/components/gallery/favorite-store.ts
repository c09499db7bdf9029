"use client";
import { useCallback, useSyncExternalStore } from "react";

// One favorite state per work for the whole page: the card under an open work overlay, the
// overlay itself and a related-works card all show the same heart and count. Entries exist only
// once the visitor has changed something; until then each button shows what the server rendered.

export type FavState = { favored: boolean; likes: number };

const overrides = new Map<string, FavState>();
const listeners = new Set<() => void>();

function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setFavState(id: string, state: FavState): void {
  overrides.set(id, state);
  for (const fn of listeners) fn();
}

/** The state the visitor last gave this work on this page, if any. */
export function readFavState(id: string): FavState | null {
  return overrides.get(id) ?? null;
}

export function useFavState(id: string, initial: FavState): FavState {
  const override = useSyncExternalStore(
    subscribe,
    useCallback(() => overrides.get(id) ?? null, [id]),
    () => null,
  );
  return override ?? initial;
}

/** `state` with the favorite set to `favored`, counting the like once (idempotent). */
export function withFavored(state: FavState, favored: boolean): FavState {
  if (state.favored === favored) return state;
  return { favored, likes: Math.max(0, state.likes + (favored ? 1 : -1)) };
}

let confirmed = 0;

/** Called once the server has confirmed a change: lists of favorites shown elsewhere reload. */
export function noteFavoriteConfirmed(): void {
  confirmed++;
  for (const fn of listeners) fn();
}

/** Changes whenever a favorite change was confirmed (a key for a favorites list to reload). */
export function useFavoritesVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => confirmed,
    () => 0,
  );
}
