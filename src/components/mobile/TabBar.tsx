"use client";
import { TABS, type TabId } from "./tabs";

const ICONS: Record<TabId, React.ReactNode> = {
  feed: <path d="M4 4h7v9H4zM13 4h7v5h-7zM13 11h7v9h-7zM4 15h7v5H4z" />,
  create: <path d="M12 3v18M3 12h18" />,
  me: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" />
    </>
  ),
};

// Bottom navigation: thumb-reachable, clear of the iPhone home indicator (safe-area padding).
export function TabBar({ tab, onSelect }: { tab: TabId; onSelect: (tab: TabId) => void }) {
  return (
    <nav
      aria-label="主导航"
      className="border-t border-neutral-200 bg-white pb-[env(safe-area-inset-bottom)]"
    >
      <ul className="grid grid-cols-3">
        {TABS.map((t) => {
          const active = t.id === tab;
          return (
            <li key={t.id}>
              <button
                type="button"
                onClick={() => onSelect(t.id)}
                aria-current={active ? "page" : undefined}
                className={`flex h-14 w-full flex-col items-center justify-center gap-0.5 text-xs transition-colors ${
                  active ? "font-semibold text-black" : "text-neutral-500 hover:text-black"
                }`}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="size-5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={active ? 2.2 : 1.6}
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  {ICONS[t.id]}
                </svg>
                {t.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
