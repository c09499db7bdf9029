"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * Cards link with plain <a> elements (no Link component per card to hydrate); one
 * click handler on the list turns a plain left click on `a[data-soft]` into a client navigation —
 * a work opens in the overlay with the feed kept where it was (`data-soft="keep"`: no scroll).
 * Modified clicks (new tab, download) and links to other origins behave as links always do.
 */
export function useSoftNav() {
  const router = useRouter();
  return useCallback(
    (e: React.MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
        return;
      const a = (e.target as Element).closest<HTMLAnchorElement>("a[data-soft]");
      if (!a || a.target || a.origin !== window.location.origin) return;
      e.preventDefault();
      router.push(`${a.pathname}${a.search}`, { scroll: a.dataset.soft !== "keep" });
    },
    [router],
  );
}

export function SoftNav({
  children,
  className,
}: {
  children: React.ReactNode;
  className?: string;
}) {
  const onClick = useSoftNav();
  return (
    // The links inside are the interactive elements; this only routes their clicks.
    <div onClick={onClick} className={className}>
      {children}
    </div>
  );
}
