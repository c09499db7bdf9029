"use client";
import { useId, useState } from "react";
import { ClientApiError } from "@/lib/client/http";
import { publishTask, type TaskView } from "@/lib/client/tasks";
import { defaultTitle, parseTags } from "./format";

// 发布到广场, after seeing the result: a title, tags and whether the prompt is shown.

export function PublishForm({
  task,
  output,
  onDone,
  onCancel,
}: {
  task: TaskView;
  output: number;
  onDone: (task: TaskView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(defaultTitle(task.input.prompt));
  const [tags, setTags] = useState("");
  const [showPrompt, setShowPrompt] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const done = await publishTask(task.id, {
        output,
        title: title.trim() || undefined,
        tags: parseTags(tags),
        showPrompt,
      });
      onDone(done);
    } catch (err) {
      setError(err instanceof ClientApiError ? err.message : "发布失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  const input =
    "min-h-10 w-full rounded-lg border border-neutral-300 px-3 text-base focus:border-neutral-900 sm:text-sm";
  return (
    <form
      aria-label="发布到广场"
      className="flex flex-col gap-2 rounded-lg border border-neutral-300 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-title`} className="text-sm font-medium">
        标题
      </label>
      <input
        id={`${id}-title`}
        value={title}
        maxLength={120}
        onChange={(e) => setTitle(e.target.value)}
        className={input}
      />
      <label htmlFor={`${id}-tags`} className="text-sm font-medium">
        标签 <span className="font-normal text-neutral-500">（用逗号或空格分隔，最多 10 个）</span>
      </label>
      <input
        id={`${id}-tags`}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        placeholder="例如：风景 水彩"
        className={input}
      />
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={showPrompt}
          onChange={(e) => setShowPrompt(e.target.checked)}
          className="size-4 accent-neutral-900"
        />
        在作品页显示提示词
      </label>
      {error ? (
        <p role="alert" className="text-sm font-medium">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="min-h-10 px-3 text-sm text-neutral-600">
          取消
        </button>
        <button
          type="submit"
          disabled={busy}
          className="min-h-10 rounded-lg bg-neutral-900 px-4 text-sm font-medium text-white disabled:bg-neutral-300"
        >
          {busy ? "发布中…" : "发布"}
        </button>
      </div>
    </form>
  );
}
