"use client";
import { useEffect, useSyncExternalStore } from "react";
import { refreshBalance } from "./balance";
import { requestJson } from "./http";

// Who is looking at the page, for the parts of a public page that differ per visitor: the
// Topbar's account area, its 收藏 / 我的 / 管理 links, and the hearts of cards the server rendered
// without a viewer. The feed pages (/ and /explore) are the same HTML for everyone, so they can be
// served from the page cache (scripts/page-cache.mjs); these islands fill in the visitor from
// GET /api/me after hydration. One module-level store, so a soft navigation does not ask again.

export type Viewer = {
  id: string;
  name: string;
  email: string;
  role: "user" | "admin";
  credits: number;
};

export type ViewerState =
  | { status: "loading"; user: null }
  | { status: "ready"; user: Viewer | null }
  | { status: "error"; user: null };

type MeResponse = { user: Viewer | null; favored: string[] };

const LOADING: ViewerState = { status: "loading", user: null };
let state: ViewerState = LOADING;
let started = false;
const listeners = new Set<() => void>();

// Favorites of works the server rendered without knowing the viewer: ids are collected from the
// cards that mount, then asked about in one request (the first one together with the viewer).
const favored = new Set<string>();
const wanted = new Set<string>();
const asked = new Set<string>();
let flush: ReturnType<typeof setTimeout> | null = null;
// Moves on every refreshViewer(): an answer to a request sent before it is about someone who may
// have signed out since, and is dropped.
let generation = 0;

function emit() {
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The longest list of ids one request carries (the API's own limit). */
export const FAVORED_BATCH = 60;

function meUrl(ids: string[]): string {
  return ids.length ? `/api/me?${new URLSearchParams({ favored: ids.join(",") })}` : "/api/me";
}

async function ask(): Promise<void> {
  flush = null;
  const ids = [...wanted].slice(0, FAVORED_BATCH);
  for (const id of ids) {
    asked.add(id);
    wanted.delete(id);
  }
  const before = state.status === "ready" ? (state.user?.id ?? null) : undefined;
  const sent = generation;
  try {
    const me = await requestJson<MeResponse>(meUrl(ids), { cache: "no-store" });
    if (sent !== generation) return; // the refresh asks again, these ids included
    for (const id of me.favored) favored.add(id);
    state = { status: "ready", user: me.user };
  } catch {
    if (sent !== generation) return;
    for (const id of ids) asked.delete(id);
    if (state.status !== "ready") state = { status: "error", user: null };
  }
  emit();
  // Someone else than before (signed in or out on this page): the balance store asks again. On
  // the first answer the badge shows the credits that came with it.
  if (before !== undefined && state.status === "ready" && (state.user?.id ?? null) !== before)
    void refreshBalance();
  // Cards that mounted while this request was out.
  if (wanted.size && state.user) schedule();
}

function schedule() {
  // One request for every card mounted in the same commit (their effects run back to back).
  flush ??= setTimeout(() => void ask(), 0);
}

/** Loads the viewer once per page load; later calls only subscribe. */
function start() {
  if (started) return;
  started = true;
  schedule();
}

/** Asks again, for the viewer and every card's favorite (after a sign-in or sign-out here). */
export function refreshViewer(): void {
  started = true;
  generation++;
  for (const id of asked) wanted.add(id);
  asked.clear();
  favored.clear();
  schedule();
}

const useSnapshot = () =>
  useSyncExternalStore(
    subscribe,
    () => state,
    () => LOADING,
  );

/** The visitor; `loading` until the first answer (and on the server). */
export function useViewer(): ViewerState {
  useEffect(start, []);
  return useSnapshot();
}

/** Whether the visitor is signed in, once known (null until then); does not start a request. */
export function useSignedIn(): boolean | null {
  const { status, user } = useSnapshot();
  return status === "ready" ? user !== null : null;
}

/**
 * For a card the server rendered without a viewer: whether the visitor is signed in (null while
 * unknown) and whether they have favored this work. Pass `null` when the server already knew.
 */
export function useViewerFavored(assetId: string | null): {
  signedIn: boolean | null;
  favored: boolean;
} {
  const viewer = useSnapshot();
  useEffect(() => {
    if (!assetId) return;
    start();
    if (asked.has(assetId)) return;
    wanted.add(assetId);
    // Signed out, there is nothing to ask once the viewer is known.
    if (state.status !== "ready" || state.user) schedule();
  }, [assetId]);
  return {
    signedIn: viewer.status === "ready" ? viewer.user !== null : null,
    favored: assetId !== null && viewer.user !== null && favored.has(assetId),
  };
}
