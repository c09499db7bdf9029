"use client";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { settledCharge } from "@/lib/client/balance";
import { type ChatMessage, streamChat } from "@/lib/client/chat-stream";
import type { Conversation, StoredMessage } from "@/lib/client/conversations";
import { ClientApiError, newRequestId } from "@/lib/client/http";
import { type CatalogModel, estimateChat } from "@/lib/client/models";
import type { CallRecord } from "./CallSummary";
import { ChatLog, type Turn } from "./ChatLog";
import { ConversationBar } from "./ConversationBar";
import { ErrorNotice, EstimateLine, InsufficientNotice, useCostGate } from "./CostNotice";
import { ModelPicker } from "./ModelPicker";
import { useConversations } from "./useConversations";
import { useModelChoice } from "./useModelChoice";

// 回答长度: unset lets the server size the answer to the balance (and say so); a chosen
// length is held in full.
const LENGTHS = [
  { value: 0, label: "自动（按余额）" },
  { value: 256, label: "简短（256 tokens）" },
  { value: 1024, label: "中等（1024 tokens）" },
  { value: 4096, label: "详细（4096 tokens）" },
] as const;

const toTurn = (m: StoredMessage): Turn => ({
  key: m.id,
  role: m.role,
  content: m.content,
  state: m.state === "stopped" || m.state === "failed" ? m.state : "done",
  finishReason: m.finishReason,
});

type Props = {
  models: CatalogModel[];
  modelsState: "loading" | "error" | "ready";
  onRetryModels: () => void;
  onCall: (record: CallRecord) => void;
  initialPrompt?: string;
  prefillModel?: string | null;
};

const isAbort = (err: unknown) => err instanceof DOMException && err.name === "AbortError";

export function ChatPanel({
  models,
  modelsState,
  onRetryModels,
  onCall,
  initialPrompt,
  prefillModel,
}: Props) {
  const id = useId();
  const [convModel, setConvModel] = useState<string | null>(null);
  const { model, offered, choose } = useModelChoice("chat", models, convModel ?? prefillModel);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientApiError | null>(null);
  const [maxTokens, setMaxTokens] = useState(0);
  const [capped, setCapped] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const onLoaded = useCallback((messages: StoredMessage[], c: Conversation | null) => {
    setTurns(messages.map(toTurn));
    setConvModel(c?.model ?? null);
    setError(null);
    setCapped(null);
  }, []);
  const conversations = useConversations(onLoaded);

  const history: ChatMessage[] = useMemo(
    () =>
      turns
        .filter((t) => t.content && t.state !== "failed")
        .map((t) => ({ role: t.role, content: t.content })),
    [turns],
  );
  const chatCost = model
    ? estimateChat(model, [...history, { content: prompt }], maxTokens || null)
    : null;
  const estimate = chatCost?.typical ?? null;
  // Blocked only when not even the least answer (or the chosen length) fits the balance.
  const { blocked, credits } = useCostGate(chatCost?.needed ?? null);

  async function send() {
    const text = prompt.trim();
    if (!text || !model || busy || blocked) return;
    const messages: ChatMessage[] = [...history, { role: "user", content: text }];
    const key = newRequestId();
    setTurns((t) => [
      ...t,
      { key: `${key}-u`, role: "user", content: text, state: "done" },
      { key, role: "assistant", content: "", state: "streaming" },
    ]);
    setPrompt("");
    setError(null);
    setCapped(null);
    setBusy(true);
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    onCall({
      model: model.slug,
      modelName: model.displayName,
      operation: "chat",
      credits: null,
      latencyMs: 0,
      outcome: "running",
    });
    const update = (patch: Partial<Turn>) =>
      setTurns((all) => all.map((t) => (t.key === key ? { ...t, ...patch } : t)));
    let outcome: CallRecord["outcome"] = "success";
    let received = "";
    try {
      const onDelta = (content: string) => {
        received = content;
        update({ content });
      };
      const conversationId = await conversations.ensure();
      const result = await streamChat({
        model: model.slug,
        messages,
        requestId: key,
        signal: abort.signal,
        onDelta,
        conversationId,
        maxTokens: maxTokens || null,
        onOpen: (info) => setCapped(info.cappedMaxTokens),
      });
      update({ content: result.content, state: "done", finishReason: result.finishReason });
    } catch (err) {
      if (isAbort(err)) {
        outcome = "stopped";
        update({ state: "stopped" });
      } else {
        outcome = "failed";
        const e =
          err instanceof ClientApiError ? err : new ClientApiError("请求失败，请重试", 0, "error");
        setError(e);
        // A call refused before any text (402, 429, …) leaves no reply: give the prompt back.
        if (received) update({ state: "failed" });
        else {
          setTurns((all) => all.filter((t) => t.key !== key && t.key !== `${key}-u`));
          setPrompt(text);
        }
      }
    } finally {
      controller.current = null;
      setBusy(false);
      void conversations.refresh();
    }
    const latencyMs = performance.now() - started;
    const record: CallRecord = {
      model: model.slug,
      modelName: model.displayName,
      operation: "chat",
      credits: null,
      latencyMs,
      outcome,
    };
    onCall(record);
    const charge = await settledCharge(key);
    onCall({ ...record, credits: charge?.charged ?? 0 });
  }

  const noticeId = `${id}-notice`;
  return (
    <div className="flex flex-col gap-4">
      <ConversationBar
        items={conversations.items}
        current={conversations.current}
        disabled={busy}
        onOpen={(cid) => void conversations.open(cid)}
        onRename={() => {
          const now = conversations.items.find((c) => c.id === conversations.current);
          const title = window.prompt("对话名称", now?.title ?? "")?.trim();
          if (title)
            conversations
              .rename(title)
              .catch((err: unknown) =>
                setError(
                  err instanceof ClientApiError
                    ? err
                    : new ClientApiError("重命名失败", 0, "error"),
                ),
              );
        }}
        onDelete={() => {
          if (!window.confirm("删除这个对话？删除后无法恢复。")) return;
          conversations
            .remove()
            .catch((err: unknown) =>
              setError(
                err instanceof ClientApiError ? err : new ClientApiError("删除失败", 0, "error"),
              ),
            );
        }}
      />
      <ModelPicker
        models={offered}
        capability="chat"
        value={model?.slug ?? null}
        onChange={choose}
        state={modelsState}
        onRetry={onRetryModels}
      />
      <ChatLog turns={turns} />
      {capped ? (
        <p role="status" className="text-xs text-neutral-600">
          余额有限，本次回答最长 {capped} tokens（按余额自动调整）。
        </p>
      ) : null}
      {error && !error.insufficientCredits ? (
        <ErrorNotice message={error.message} onDismiss={() => setError(null)} />
      ) : null}
      {error?.insufficientCredits ? (
        <InsufficientNotice id={noticeId} serverMessage={error.message} />
      ) : null}
      {blocked && !error?.insufficientCredits ? (
        <InsufficientNotice id={noticeId} estimate={chatCost?.needed} credits={credits} />
      ) : null}
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor={`${id}-prompt`} className="text-sm font-medium">
          提示词
        </label>
        <textarea
          id={`${id}-prompt`}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter breaks the line; an IME composition's Enter is not a send.
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
          rows={3}
          maxLength={100_000}
          placeholder="输入消息，Enter 发送，Shift+Enter 换行"
          className="w-full resize-y rounded-lg border border-neutral-300 px-3 py-2 text-base focus:border-neutral-900 sm:text-sm"
        />
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-len`} className="text-sm">
            回答长度
          </label>
          <select
            id={`${id}-len`}
            value={maxTokens}
            onChange={(e) => setMaxTokens(Number(e.target.value))}
            className="min-h-9 rounded-lg border border-neutral-300 bg-white px-2 text-sm"
          >
            {LENGTHS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <EstimateLine estimate={model ? estimate : null} chat />
          <div className="ml-auto flex gap-2">
            {turns.length > 0 && !busy ? (
              <button
                type="button"
                onClick={() => void conversations.open(null)}
                className="min-h-10 rounded-lg px-3 text-sm text-neutral-600 hover:text-neutral-900"
              >
                新对话
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => controller.current?.abort()}
              disabled={!busy}
              className="min-h-10 rounded-lg border border-neutral-900 px-4 text-sm font-medium disabled:cursor-not-allowed disabled:border-neutral-300 disabled:text-neutral-400"
            >
              停止
            </button>
            <button
              type="submit"
              disabled={busy || !model || !prompt.trim() || blocked}
              aria-describedby={blocked ? noticeId : undefined}
              className="min-h-10 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
            >
              {busy ? "生成中…" : "发送"}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
