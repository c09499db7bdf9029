"use client";
import { useLinkStatus } from "next/link";

// Inline feedback inside a <Link>: the filter and nav links are not prefetched (they lead to
// dynamic, server-rendered pages), so a click waits for the server; this dot shows it.
export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      className={`inline-block rounded-full bg-current ${pending ? "ml-1.5 size-1.5 animate-pulse" : "size-0"}`}
    />
  );
}
