"use client";
import { useEffect, useRef, useState } from "react";
import { KeysManager } from "@/components/keys/KeysManager";
import { API_BASE_URL } from "@/lib/public-env";

/**
 * 我的 → API 密钥: the same key manager as /me/keys, as a screen over the tab (not a dialog: the
 * manager opens its own dialogs). Its requests go through the shell's session (bearer token), so
 * it works on a device or another origin too.
 */
export function ShellKeysEntry() {
  const [open, setOpen] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) back.current?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    opener.current?.focus();
  }

  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => setOpen(true)}
        className="flex h-12 w-full items-center justify-between rounded-xl border border-neutral-200 px-4 text-sm"
      >
        <span>API 密钥</span>
        <span aria-hidden className="text-neutral-400">
          ›
        </span>
      </button>
      {open && (
        <section
          aria-label="API 密钥"
          className="fixed inset-0 z-50 flex flex-col bg-white pt-[env(safe-area-inset-top)]"
        >
          <header className="flex h-12 shrink-0 items-center gap-2 border-b border-neutral-200 px-2">
            <button
              ref={back}
              type="button"
              onClick={close}
              className="rounded-md px-2 py-1 text-sm text-neutral-700 hover:text-black"
            >
              ‹ 返回
            </button>
            <h2 className="text-base font-semibold">API 密钥</h2>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-4 pb-[calc(1rem+env(safe-area-inset-bottom))]">
            <KeysManager apiOrigin={API_BASE_URL || null} />
          </div>
        </section>
      )}
    </>
  );
}
