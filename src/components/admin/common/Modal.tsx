"use client";

import { useEffect, useId, useRef } from "react";

// The native <dialog> in modal mode gives focus trapping, Esc to close and an inert page.
export function Modal({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
    // Closing (rather than just removing) an open dialog hands focus back to the control that opened it.
    return () => {
      if (el.open) el.close();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto max-h-[92dvh] w-[calc(100vw-1.5rem)] overflow-y-auto rounded-xl border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 ${
        wide ? "max-w-3xl" : "max-w-lg"
      }`}
    >
      {open && (
        <div className="flex flex-col">
          <header className="sticky top-0 z-10 flex items-center justify-between border-b border-neutral-200 bg-white px-4 py-3">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="关闭"
              className="rounded px-2 text-xl leading-none text-neutral-500 hover:text-black"
            >
              ×
            </button>
          </header>
          <div className="px-4 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

/**
 * The action row of a dialog form: stuck to the bottom of the dialog, so its buttons (and the
 * error above them) stay in view however tall the form or its error gets.
 */
export function ModalFooter({ children }: { children: React.ReactNode }) {
  return (
    <div className="sticky bottom-0 z-10 -mx-4 -mb-4 flex flex-col gap-2 border-t border-neutral-200 bg-white px-4 py-3">
      {children}
    </div>
  );
}
