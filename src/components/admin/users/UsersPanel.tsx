"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { adminApi, errorText, queryString } from "../api";
import { Empty, ErrorNote, Loading } from "../common/States";
import { btn, formatTime, input, table } from "../common/styles";
import { useDebounced } from "../models/useDebounced";
import type { AdminUser, Page } from "./types";

function StatusBadge({ user }: { user: AdminUser }) {
  return (
    <span
      className={`rounded-full border px-2 py-0.5 text-xs whitespace-nowrap ${user.disabledAt ? "border-dashed border-neutral-400 text-neutral-500" : "border-black"}`}
    >
      {user.disabledAt ? "已停用" : "正常"}
    </span>
  );
}

/** 用户: search by email or name, newest first, more on demand. */
export function UsersPanel() {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const [items, setItems] = useState<AdminUser[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(
    async (from: string | null, signal?: AbortSignal) => {
      const page = await adminApi<Page<AdminUser>>(
        `/api/admin/users${queryString({ q: query || undefined, cursor: from ?? undefined, limit: "30" })}`,
        { signal },
      );
      setItems((prev) => (from ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    },
    [query],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    // Started from a resolved promise: the state updates land after the effect, not inside it.
    Promise.resolve()
      .then(() => load(null, ctrl.signal))
      .catch((err) => (err as Error).name !== "AbortError" && setError(errorText(err)));
    return () => ctrl.abort();
  }, [load]);

  async function more() {
    setLoadingMore(true);
    try {
      await load(cursor);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="users-heading" className="text-base font-semibold">
          用户
        </h2>
        <input
          type="search"
          className={`${input} max-w-xs`}
          placeholder="搜索邮箱或昵称"
          aria-label="搜索用户"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {error && <ErrorNote message={error} onRetry={() => void load(null).catch(() => {})} />}
      {items === null && !error ? (
        <Loading />
      ) : items && items.length === 0 ? (
        <Empty
          title={query ? "没有匹配的用户" : "还没有用户"}
          hint={query ? "换个关键词试试" : undefined}
        />
      ) : items ? (
        <>
          <div className={`${table.wrap} hidden sm:block`}>
            <table className={table.table}>
              <caption className="sr-only">用户列表</caption>
              <thead>
                <tr>
                  {["用户", "角色", "积分", "配额方案", "状态", "注册时间"].map((h) => (
                    <th key={h} scope="col" className={table.th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id} data-user-id={u.id}>
                    <td className={table.td}>
                      <Link
                        href={`/admin/users/${u.id}`}
                        className="font-medium underline-offset-2 hover:underline"
                      >
                        {u.email}
                      </Link>
                      <p className="text-xs text-neutral-500">{u.name}</p>
                    </td>
                    <td className={table.td}>{u.role === "admin" ? "管理员" : "用户"}</td>
                    <td className={`${table.td} tabular-nums`}>
                      {u.credits.toLocaleString("zh-CN")}
                    </td>
                    <td className={table.td}>{u.plan}</td>
                    <td className={table.td}>
                      <StatusBadge user={u} />
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-neutral-600`}>
                      {formatTime(u.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="flex flex-col gap-2 sm:hidden" aria-label="用户列表">
            {items.map((u) => (
              <li
                key={u.id}
                data-user-id={u.id}
                className="rounded-lg border border-neutral-200 p-3"
              >
                <div className="flex items-start justify-between gap-2">
                  <Link
                    href={`/admin/users/${u.id}`}
                    className="min-w-0 truncate font-medium underline-offset-2 hover:underline"
                  >
                    {u.email}
                  </Link>
                  <StatusBadge user={u} />
                </div>
                <p className="mt-1 text-xs text-neutral-500">
                  {u.name} · {u.role === "admin" ? "管理员" : "用户"} ·{" "}
                  {u.credits.toLocaleString("zh-CN")} 积分 · {u.plan}
                </p>
              </li>
            ))}
          </ul>
          {cursor && (
            <button
              type="button"
              className={`${btn.secondary} self-center`}
              disabled={loadingMore}
              onClick={more}
            >
              {loadingMore ? "加载中…" : "加载更多"}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}
