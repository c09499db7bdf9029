"use client";

import { input } from "../common/styles";
import { CAPABILITIES, CAPABILITY_LABEL, type Provider } from "../types";

export type Filters = { q: string; providerId: string; capability: string; enabled: string };

export function ModelFilters({
  value,
  onChange,
  providers,
}: {
  value: Filters;
  onChange: (f: Filters) => void;
  providers: Provider[];
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <div role="search" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      <label className="col-span-2 sm:col-span-1">
        <span className="sr-only">搜索模型</span>
        <input
          className={`${input} [&::-webkit-search-cancel-button]:grayscale`}
          type="search"
          value={value.q}
          onChange={(e) => set({ q: e.target.value })}
          placeholder="搜索名称、标识或上游模型"
        />
      </label>
      <label>
        <span className="sr-only">按服务商筛选</span>
        <select
          className={input}
          value={value.providerId}
          onChange={(e) => set({ providerId: e.target.value })}
        >
          <option value="">全部服务商</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">按能力筛选</span>
        <select
          className={input}
          value={value.capability}
          onChange={(e) => set({ capability: e.target.value })}
        >
          <option value="">全部能力</option>
          {CAPABILITIES.map((c) => (
            <option key={c} value={c}>
              {CAPABILITY_LABEL[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">按状态筛选</span>
        <select
          className={input}
          value={value.enabled}
          onChange={(e) => set({ enabled: e.target.value })}
        >
          <option value="">全部状态</option>
          <option value="true">已启用</option>
          <option value="false">已停用</option>
        </select>
      </label>
    </div>
  );
}
