import { useSyncExternalStore } from "react";

// "Something new was generated": the creator's panels bump this after a call, and every
// generations list on the page reloads its first page (one module-level counter).

let version = 0;
const listeners = new Set<() => void>();

export function notifyGenerations(): void {
  version++;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useGenerationsVersion = () =>
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
