"use client";

import { useCallback, useEffect, useState } from "react";
import { errorText } from "../api";

type State<T> = { data: T | null; error: string | null; loading: boolean };

/** Loads data with a loader that changes when its inputs change; keeps the last data while reloading. */
export function useResource<T>(loader: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: true });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    let live = true;
    Promise.resolve()
      .then(() => {
        if (live) setState((s) => ({ ...s, loading: true, error: null }));
        return loader(ctrl.signal);
      })
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch(
        (err) =>
          live &&
          (err as Error).name !== "AbortError" &&
          setState((s) => ({ ...s, error: errorText(err), loading: false })),
      );
    return () => {
      live = false;
      ctrl.abort();
    };
  }, [loader, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const mutate = useCallback(
    (fn: (data: T) => T) => setState((s) => (s.data ? { ...s, data: fn(s.data) } : s)),
    [],
  );
  return { ...state, reload, mutate };
}
