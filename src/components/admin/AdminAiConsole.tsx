"use client";

import { useRef, useState } from "react";
import { AuditPanel } from "./audit/AuditPanel";
import { ModelsPanel } from "./models/ModelsPanel";
import { ProvidersPanel } from "./providers/ProvidersPanel";
import { TasksPanel } from "./tasks/TasksPanel";
import { WorkflowsPanel } from "./workflows/WorkflowsPanel";

const TABS = [
  { id: "providers", label: "服务商" },
  { id: "models", label: "模型" },
  { id: "tasks", label: "任务" },
  { id: "workflows", label: "工作流" },
  { id: "audit", label: "审计日志" },
] as const;
type TabId = (typeof TABS)[number]["id"];

/** The /admin/ai console: WAI-ARIA tabs (arrow keys, Home/End); each panel loads its own data when shown. */
export function AdminAiConsole() {
  const [active, setActive] = useState<TabId>("providers");
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  function onKeyDown(e: React.KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === active);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    setActive(tab.id);
    refs.current[tab.id]?.focus();
  }

  return (
    <div className="flex flex-col gap-4">
      <div
        role="tablist"
        aria-label="AI 配置"
        className="flex gap-1 overflow-x-auto border-b border-neutral-200"
        onKeyDown={onKeyDown}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
              active === t.id
                ? "border-black font-semibold text-black"
                : "border-transparent text-neutral-500 hover:text-black"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`panel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          hidden={active !== t.id}
          tabIndex={0}
          className="focus-visible:outline-offset-4"
        >
          {active === t.id && t.id === "providers" && <ProvidersPanel />}
          {active === t.id && t.id === "models" && <ModelsPanel />}
          {active === t.id && t.id === "tasks" && <TasksPanel />}
          {active === t.id && t.id === "workflows" && <WorkflowsPanel />}
          {active === t.id && t.id === "audit" && <AuditPanel />}
        </div>
      ))}
    </div>
  );
}
