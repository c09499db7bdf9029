"use client";
import { useCallback, useEffect, useState } from "react";
import { adminApi, errorText } from "../api";
import type { Page } from "./types";

/** A keyset-paged admin list: first page on mount (and on `reloadKey`), more on demand. */
export function usePaged<T>(path: string, reloadKey: unknown = 0) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (from: string | null, signal?: AbortSignal) => {
      const sep = path.includes("?") ? "&" : "?";
      const page = await adminApi<Page<T>>(
        `${path}${from ? `${sep}cursor=${encodeURIComponent(from)}` : ""}`,
        { signal },
      );
      setItems((prev) => (from ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    },
    [path],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    // Started from a resolved promise: the state updates land after the effect, not inside it.
    Promise.resolve()
      .then(() => fetchPage(null, ctrl.signal))
      .catch((err) => (err as Error).name !== "AbortError" && setError(errorText(err)));
    return () => ctrl.abort();
  }, [fetchPage, reloadKey]);

  const more = useCallback(async () => {
    setBusy(true);
    try {
      await fetchPage(cursor);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }, [cursor, fetchPage]);

  const retry = useCallback(() => {
    fetchPage(null).catch((err) => setError(errorText(err)));
  }, [fetchPage]);

  return { items, hasMore: cursor !== null, error, busy, more, retry };
}
