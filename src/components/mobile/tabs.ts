"use client";
import { useCallback, useSyncExternalStore } from "react";

// The shell's three tabs live in the URL hash (#/feed, #/create, #/me): it works the same in the
// static export (one index.html) and on the web route, and every tab switch is a history entry,
// so the Android back button and the browser's back walk back through the tabs.

export const TABS = [
  { id: "feed", label: "广场" },
  { id: "create", label: "创作" },
  { id: "me", label: "我的" },
] as const;
export type TabId = (typeof TABS)[number]["id"];

function current(): TabId {
  const id = window.location.hash.replace(/^#\/?/, "");
  return TABS.some((t) => t.id === id) ? (id as TabId) : "feed";
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useTab(): [TabId, (tab: TabId) => void] {
  const tab = useSyncExternalStore(subscribe, current, () => "feed" as const);
  const go = useCallback((next: TabId) => {
    if (next !== current()) window.location.hash = `#/${next}`;
  }, []);
  return [tab, go];
}
