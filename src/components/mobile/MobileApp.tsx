"use client";
import { useEffect, useState } from "react";
import { setupNative } from "@/lib/native";
import { AccountTab } from "./AccountTab";
import { CreateTab } from "./CreateTab";
import { FeedTab } from "./FeedTab";
import { SessionProvider } from "./session";
import { TabBar } from "./TabBar";
import { TABS, useTab, type TabId } from "./tabs";

// The app shell: one client-rendered screen with bottom tabs, talking to the API only through
// src/lib/http.ts (bearer token, NEXT_PUBLIC_API_BASE_URL). The same component is the web route
// /mobile and the index.html of the Capacitor build. It covers the whole viewport, so the web
// site's own header never shows around it.
export function MobileApp() {
  const [tab, go] = useTab();
  // Where to come back to after a sign-in that a tab asked for (收藏 signed out, say).
  const [returnTo, setReturnTo] = useState<TabId>("feed");
  const needSignIn = (from: TabId) => {
    setReturnTo(from);
    go("me");
  };
  // A tab is mounted the first time it is opened and then kept, so switching back keeps the
  // feed's scroll position and a conversation in progress.
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(() => new Set([tab]));
  if (!opened.has(tab)) setOpened(new Set([...opened, tab]));

  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let live = true;
    void setupNative().then((fn) => (live ? (cleanup = fn) : fn()));
    return () => {
      live = false;
      cleanup?.();
    };
  }, []);

  return (
    <SessionProvider onExpired={() => needSignIn(tab)}>
      <div data-app-shell className="fixed inset-0 z-40 flex flex-col bg-white text-neutral-900">
        <header className="border-b border-neutral-200 bg-white pt-[env(safe-area-inset-top)]">
          <div className="flex h-12 items-center justify-between px-4">
            <span className="text-base font-semibold tracking-tight">AIGC Studio</span>
            <h1 className="text-sm text-neutral-600">{TABS.find((t) => t.id === tab)?.label}</h1>
          </div>
        </header>
        <div id="main" className="relative min-h-0 flex-1">
          {TABS.map((t) =>
            opened.has(t.id) ? (
              <section
                key={t.id}
                id={`tab-${t.id}`}
                aria-label={t.label}
                hidden={t.id !== tab}
                className="absolute inset-0 overflow-y-auto overscroll-contain"
              >
                {t.id === "feed" && <FeedTab onNeedSignIn={() => needSignIn("feed")} />}
                {t.id === "create" && <CreateTab onNeedSignIn={() => needSignIn("create")} />}
                {t.id === "me" && (
                  <AccountTab
                    onSignedIn={() => go(returnTo)}
                    onNeedSignIn={() => needSignIn("me")}
                  />
                )}
              </section>
            ) : null,
          )}
        </div>
        <TabBar tab={tab} onSelect={go} />
      </div>
    </SessionProvider>
  );
}
