"use client";

import { useCallback, useState } from "react";
import { adminApi, errorText, queryString } from "../api";
import { Empty, ErrorNote, Loading } from "../common/States";
import { btn } from "../common/styles";
import { useResource } from "../common/useResource";
import type { AuditItem } from "../types";
import { AuditList } from "./AuditList";

type Page = { items: AuditItem[]; nextCursor: string | null };
const LIMIT = "30";

export function AuditPanel() {
  const load = useCallback(
    (signal: AbortSignal) =>
      adminApi<Page>(`/api/admin/audit${queryString({ limit: LIMIT })}`, { signal }),
    [],
  );
  const first = useResource(load);
  const [more, setMore] = useState<Page | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!nextCursor) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await adminApi<Page>(
        `/api/admin/audit${queryString({ cursor: nextCursor, limit: LIMIT })}`,
      );
      setMore((prev) => ({
        items: [...(prev?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (err) {
      setMoreError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function refresh() {
    setMore(null);
    first.reload();
  }

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="audit-heading" className="text-base font-semibold">
            审计日志
          </h2>
          <p className="text-xs text-neutral-500">每一次管理操作都会记录；密钥等敏感信息已脱敏。</p>
        </div>
        <button type="button" className={btn.secondary} onClick={refresh} disabled={first.loading}>
          刷新
        </button>
      </div>
      {first.error && <ErrorNote message={first.error} onRetry={refresh} />}
      {first.loading && !first.data ? (
        <Loading />
      ) : first.data && items.length === 0 ? (
        <Empty title="暂无审计记录" hint="添加或修改服务商、模型后，这里会出现记录。" />
      ) : first.data ? (
        <AuditList items={items} />
      ) : null}
      {moreError && <ErrorNote message={moreError} onRetry={loadMore} />}
      {nextCursor && (
        <button
          type="button"
          className={`${btn.secondary} self-center`}
          onClick={loadMore}
          disabled={busy}
        >
          {busy ? "加载中…" : "加载更多"}
        </button>
      )}
      {first.data && items.length > 0 && !nextCursor && (
        <p className="text-center text-xs text-neutral-500">已经到底了</p>
      )}
    </section>
  );
}
