"use client";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/styles";
import { type EditableWork, useWorkState } from "./work-state";

async function patchWork(assetId: string, body: object): Promise<EditableWork> {
  const res = await fetch(`/api/assets/${encodeURIComponent(assetId)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.ok) return ((await res.json()) as { item: EditableWork }).item;
  const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(err?.error?.message ?? "保存失败，请重试");
}

/** The author's tools on their work page: edit title and tags, take the work down or back up. */
export function OwnerTools({ assetId }: { assetId: string }) {
  const { work, update } = useWorkState();
  const { title, tags, published } = work;
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(body: object, after?: () => void) {
    setBusy(true);
    setError(null);
    try {
      const item = await patchWork(assetId, body);
      update({ title: item.title, tags: item.tags, published: item.published });
      after?.();
    } catch (err) {
      setError(err instanceof Error ? err.message : "保存失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  function onSave(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const nextTitle = String(form.get("title") ?? "").trim();
    const nextTags = String(form.get("tags") ?? "")
      .split(/[,，\s]+/)
      .map((t) => t.replace(/^#+/, "").trim())
      .filter(Boolean);
    if (!nextTitle) return setError("标题不能为空");
    void run({ title: nextTitle, tags: nextTags }, () => setEditing(false));
  }

  return (
    <section aria-label="作者操作" className="rounded-xl border border-neutral-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto text-sm text-neutral-600">
          {published ? "这是你的作品，正在广场展示" : "这是你的作品，已下架，只有你能看到"}
        </span>
        <button
          type="button"
          className={buttonClass("outline", "sm")}
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          编辑标题和标签
        </button>
        {published ? (
          confirming ? (
            <>
              <button
                type="button"
                disabled={busy}
                className={buttonClass("primary", "sm")}
                onClick={() => void run({ published: false }, () => setConfirming(false))}
              >
                确认下架
              </button>
              <button
                type="button"
                className={buttonClass("ghost", "sm")}
                onClick={() => setConfirming(false)}
              >
                取消
              </button>
            </>
          ) : (
            <button
              type="button"
              className={buttonClass("outline", "sm")}
              onClick={() => setConfirming(true)}
            >
              下架
            </button>
          )
        ) : (
          <button
            type="button"
            disabled={busy}
            className={buttonClass("primary", "sm")}
            onClick={() => void run({ published: true })}
          >
            重新发布
          </button>
        )}
      </div>
      {confirming && (
        <p className="mt-2 text-xs text-neutral-600">
          下架后作品不再出现在广场、探索和别人的收藏里，你随时可以重新发布。
        </p>
      )}
      {editing && (
        <form onSubmit={onSave} className="mt-3 flex flex-col gap-3" noValidate>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-title`} className="text-sm font-medium">
              标题
            </label>
            <input
              id={`${id}-title`}
              name="title"
              defaultValue={title}
              maxLength={80}
              required
              className="h-10 rounded-lg border border-neutral-300 px-3 text-sm focus:border-black focus:outline-none"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-tags`} className="text-sm font-medium">
              标签
            </label>
            <input
              id={`${id}-tags`}
              name="tags"
              defaultValue={tags.join("，")}
              aria-describedby={`${id}-tags-hint`}
              className="h-10 rounded-lg border border-neutral-300 px-3 text-sm focus:border-black focus:outline-none"
            />
            <p id={`${id}-tags-hint`} className="text-xs text-neutral-500">
              用逗号或空格分隔，最多 10 个
            </p>
          </div>
          <div className="flex gap-2">
            <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
              {busy ? "保存中…" : "保存"}
            </button>
            <button
              type="button"
              className={buttonClass("ghost", "sm")}
              onClick={() => setEditing(false)}
            >
              取消
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-neutral-900">
          {error}
        </p>
      )}
    </section>
  );
}
