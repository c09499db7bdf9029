"use client";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { GenerationAction } from "@/components/generations/GenerationCard";
import { ClientApiError } from "@/lib/client/http";
import { type CatalogModel, fetchModels } from "@/lib/client/models";
import { CallSummary, type CallRecord } from "./CallSummary";
import { ChatPanel } from "./ChatPanel";
import { ErrorNotice } from "./CostNotice";
import { EditPanel } from "./EditPanel";
import { GeneratePanel } from "./GeneratePanel";
import { StudioGenerations, useTaskFromUrl } from "./StudioGenerations";
import { prefillFromTask, type StudioPrefill, type StudioTab } from "./task-prefill";
import { ToolsPanel } from "./tools/ToolsPanel";
import { VideoPanel } from "./VideoPanel";

export type { StudioPrefill, StudioTab };

const TABS: { key: StudioTab; label: string }[] = [
  { key: "chat", label: "对话" },
  { key: "generate", label: "生成图片" },
  { key: "edit", label: "编辑图片" },
  { key: "video", label: "视频" },
  { key: "tools", label: "图片工具" },
];

/**
 * The creator: tabs sharing one model catalogue and one call summary, with my generations
 * below. Every panel stays mounted while hidden, so a conversation or a result grid survives
 * switching tabs; an action on a generation (复用, 编辑这张, 生成视频) reloads only the panel it
 * fills.
 */
export function CreateStudio({ prefill: initial }: { prefill: StudioPrefill }) {
  const id = useId();
  const [prefill, setPrefill] = useState<StudioPrefill>(initial);
  const [loads, setLoads] = useState(0);
  const [tab, setTab] = useState<StudioTab>(initial?.tab ?? "chat");
  const top = useRef<HTMLDivElement>(null);
  const onAction = useCallback((action: GenerationAction) => {
    const next = prefillFromTask(action);
    setPrefill(next);
    setLoads((n) => n + 1);
    if (next) setTab(next.tab);
    top.current?.scrollIntoView({ block: "start" });
  }, []);
  useTaskFromUrl(onAction);
  const [models, setModels] = useState<CatalogModel[]>([]);
  const [modelsState, setModelsState] = useState<"loading" | "error" | "ready">("loading");
  const [modelsError, setModelsError] = useState<string | null>(null);
  const [summary, setSummary] = useState<CallRecord | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const load = useCallback(() => {
    fetchModels().then(
      (items) => {
        setModels(items);
        setModelsState("ready");
        setModelsError(null);
      },
      (err: unknown) => {
        setModelsState("error");
        setModelsError(err instanceof ClientApiError ? err.message : "模型列表加载失败");
      },
    );
  }, []);
  useEffect(load, [load]);
  const retry = () => {
    setModelsState("loading");
    load();
  };

  function onTabKey(e: KeyboardEvent, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = (moves[e.key] + TABS.length) % TABS.length;
    setTab(TABS[next].key);
    tabRefs.current[next]?.focus();
  }

  const shared = { models, modelsState, onRetryModels: retry, onCall: setSummary };
  const prompt = (t: StudioTab) => (prefill?.tab === t ? prefill.prompt : undefined);
  const model = (t: StudioTab) => (prefill?.tab === t ? prefill.model : null);
  const filled = (t: StudioTab) => (prefill?.tab === t ? prefill : null);
  // A panel is remounted (so its form starts from the new prefill) only when it is the target.
  const key = (t: StudioTab) => (prefill?.tab === t ? `${t}-${loads}` : t);

  return (
    <div ref={top} className="flex scroll-mt-4 flex-col gap-4">
      <div
        role="tablist"
        aria-label="创作方式"
        className="flex gap-1 overflow-x-auto border-b border-neutral-200"
      >
        {TABS.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => setTab(t.key)}
            onKeyDown={(e) => onTabKey(e, i)}
            className={`-mb-px min-h-11 shrink-0 border-b-2 px-4 text-sm font-medium ${tab === t.key ? "border-neutral-900 text-neutral-900" : "border-transparent text-neutral-500 hover:text-neutral-900"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {modelsError ? <ErrorNotice message={modelsError} /> : null}
      {TABS.map((t) => (
        <div
          key={t.key}
          role="tabpanel"
          id={`${id}-panel-${t.key}`}
          aria-labelledby={`${id}-tab-${t.key}`}
          hidden={tab !== t.key}
        >
          {t.key === "chat" ? (
            <ChatPanel {...shared} initialPrompt={prompt("chat")} prefillModel={model("chat")} />
          ) : null}
          {t.key === "generate" ? (
            <GeneratePanel
              key={key("generate")}
              {...shared}
              initialPrompt={prompt("generate")}
              prefillModel={model("generate")}
              initialSize={prefill?.tab === "generate" ? prefill.size : undefined}
              initialQuality={prefill?.tab === "generate" ? prefill.quality : undefined}
            />
          ) : null}
          {t.key === "edit" ? (
            <EditPanel
              key={key("edit")}
              {...shared}
              initialPrompt={prompt("edit")}
              prefillModel={model("edit")}
              initialImageUrl={filled("edit")?.imageUrl}
            />
          ) : null}
          {t.key === "video" ? (
            <VideoPanel
              key={key("video")}
              {...shared}
              initialPrompt={prompt("video")}
              prefillModel={model("video")}
              initialSeconds={filled("video")?.seconds}
              initialSize={filled("video")?.size}
              initialImageUrl={filled("video")?.imageUrl}
            />
          ) : null}
          {t.key === "tools" ? <ToolsPanel {...shared} /> : null}
        </div>
      ))}
      <CallSummary record={summary} />
      <StudioGenerations onAction={onAction} />
    </div>
  );
}
