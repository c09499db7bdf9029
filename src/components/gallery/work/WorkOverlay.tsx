"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * A work opened from a feed: a dialog over the page with the work's own URL. Back (the browser's,
 * Escape, ✕ or a click beside it) returns to the feed, which stayed mounted and scrolled
 * underneath. Focus moves into the dialog and back to the card that opened it.
 */
export function WorkOverlay({ title, children }: { title: string; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const panel = useRef<HTMLDivElement>(null);
  // A soft navigation elsewhere keeps the @modal slot as it was; only show on a work URL.
  const open = pathname.startsWith("/works/");

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    panel.current?.focus({ preventScroll: true });
    const root = document.documentElement;
    const { overflow, scrollbarGutter } = root.style;
    // The page under the dialog must not scroll, nor change width when its scrollbar goes.
    root.style.scrollbarGutter = "stable";
    root.style.overflow = "hidden";
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") router.back();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      root.style.overflow = overflow;
      root.style.scrollbarGutter = scrollbarGutter;
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [open, router]);

  if (!open) return null;
  return (
    <div
      className="fixed inset-0 z-50 overflow-y-auto overscroll-contain bg-black/70 sm:p-6"
      onClick={(e) => {
        if (e.target === e.currentTarget) router.back();
      }}
    >
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        className="relative mx-auto min-h-full max-w-[1400px] bg-white focus:outline-none sm:min-h-0 sm:rounded-2xl"
      >
        <button
          type="button"
          onClick={() => router.back()}
          aria-label="关闭"
          className="absolute top-2 right-2 z-10 grid size-10 place-items-center rounded-full bg-white/90 text-xl text-black shadow hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
        >
          <span aria-hidden="true">×</span>
        </button>
        {children}
      </div>
    </div>
  );
}
