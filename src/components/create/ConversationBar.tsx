"use client";
import { useId } from "react";
import type { Conversation } from "@/lib/client/conversations";

// The stored conversations of the chat tab: pick one to continue, start a new one, rename or
// delete the current one. A native select: it works the same on a phone and with a keyboard.

type Props = {
  items: Conversation[];
  current: string | null;
  disabled: boolean;
  onOpen: (id: string | null) => void;
  onRename: () => void;
  onDelete: () => void;
};

const btn =
  "min-h-10 rounded-lg border border-neutral-300 px-3 text-sm hover:border-neutral-900 disabled:cursor-not-allowed disabled:text-neutral-400";

export function ConversationBar({ items, current, disabled, onOpen, onRename, onDelete }: Props) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor={`${id}-conv`} className="mb-1 block text-sm font-medium">
          对话
        </label>
        <select
          id={`${id}-conv`}
          value={current ?? ""}
          disabled={disabled}
          onChange={(e) => onOpen(e.target.value || null)}
          className="min-h-10 w-full rounded-lg border border-neutral-300 bg-white px-2 text-sm focus:border-neutral-900"
        >
          <option value="">＋ 新对话</option>
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
              {c.messageCount ? `（${c.messageCount / 2} 轮）` : ""}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className={btn} disabled={disabled || !current} onClick={onRename}>
        重命名
      </button>
      <button type="button" className={btn} disabled={disabled || !current} onClick={onDelete}>
        删除
      </button>
    </div>
  );
}
