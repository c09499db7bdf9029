"use client";
import { useEffect, useRef } from "react";
import { Markdown } from "./Markdown";

export type Turn = {
  key: string;
  role: "user" | "assistant";
  content: string;
  state: "streaming" | "done" | "stopped" | "failed";
  finishReason?: string | null;
};

const NOTE: Partial<Record<Turn["state"], string>> = { stopped: "已停止生成", failed: "回复中断" };

/** The conversation; follows the newest text while a reply streams in. */
export function ChatLog({ turns }: { turns: Turn[] }) {
  const end = useRef<HTMLDivElement>(null);
  const last = turns[turns.length - 1];
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [turns.length, last?.content]);

  if (!turns.length) {
    return (
      <div className="flex min-h-40 flex-col items-center justify-center rounded-lg border border-dashed border-neutral-300 px-4 py-8 text-center text-sm text-neutral-500">
        <p className="font-medium text-neutral-700">开始一段对话</p>
        <p className="mt-1">选择模型，输入提示词后发送；回复会实时显示。</p>
      </div>
    );
  }
  const streaming = last?.state === "streaming";
  return (
    <div
      role="log"
      aria-label="对话记录"
      aria-live="polite"
      aria-busy={streaming}
      className="flex max-h-[60vh] min-h-40 flex-col gap-3 overflow-y-auto rounded-lg border border-neutral-200 p-3"
    >
      {turns.map((t) =>
        t.role === "user" ? (
          <div
            key={t.key}
            className="ml-auto max-w-[85%] rounded-2xl rounded-br-sm bg-neutral-900 px-3 py-2 text-sm whitespace-pre-wrap text-white"
          >
            <span className="sr-only">我：</span>
            {t.content}
          </div>
        ) : (
          <article
            key={t.key}
            data-testid="assistant-message"
            data-state={t.state}
            className="max-w-full text-sm break-words text-neutral-900"
          >
            <span className="sr-only">助手：</span>
            {t.content ? (
              <Markdown text={t.content} />
            ) : t.state === "streaming" ? (
              <TypingDots />
            ) : null}
            {NOTE[t.state] ? (
              <p className="mt-1 text-xs text-neutral-500">{NOTE[t.state]}</p>
            ) : null}
            {t.finishReason === "length" ? (
              <p className="mt-1 text-xs text-neutral-500">已达到输出长度上限</p>
            ) : null}
          </article>
        ),
      )}
      <div ref={end} />
    </div>
  );
}

function TypingDots() {
  return (
    <span className="inline-flex items-center gap-1 text-neutral-500" aria-label="正在生成">
      <span className="size-1.5 animate-pulse rounded-full bg-current" />
      <span className="size-1.5 animate-pulse rounded-full bg-current [animation-delay:150ms]" />
      <span className="size-1.5 animate-pulse rounded-full bg-current [animation-delay:300ms]" />
    </span>
  );
}
