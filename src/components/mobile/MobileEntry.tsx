"use client";
import dynamic from "next/dynamic";

// The shell renders only in the browser: it has no server data, and what it shows depends on a
// token kept on the device. The HTML (web route and static export alike) carries just this splash.
const MobileApp = dynamic(() => import("./MobileApp").then((m) => m.MobileApp), {
  ssr: false,
  loading: () => (
    <div role="status" className="fixed inset-0 z-40 grid place-items-center bg-white">
      <span className="text-base font-semibold tracking-tight">AIGC Studio</span>
      <span className="sr-only">正在加载…</span>
    </div>
  ),
});

export function MobileEntry() {
  return <MobileApp />;
}
