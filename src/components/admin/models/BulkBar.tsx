"use client";

import { btn } from "../common/styles";

export function BulkBar({
  count,
  busy,
  onEnable,
  onDisable,
  onClear,
}: {
  count: number;
  busy: boolean;
  onEnable: () => void;
  onDisable: () => void;
  onClear: () => void;
}) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="批量操作"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-black bg-neutral-50 px-3 py-2 text-sm"
    >
      <span className="mr-auto">已选择 {count} 个模型</span>
      <button type="button" className={btn.secondary} onClick={onEnable} disabled={busy}>
        批量启用
      </button>
      <button type="button" className={btn.secondary} onClick={onDisable} disabled={busy}>
        批量停用
      </button>
      <button type="button" className={btn.link} onClick={onClear} disabled={busy}>
        取消选择
      </button>
    </div>
  );
}
