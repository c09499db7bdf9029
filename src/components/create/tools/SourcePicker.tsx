"use client";
import { useEffect, useMemo, useState } from "react";
import { ClientApiError } from "@/lib/client/http";
import { listGalleryImages, listMyTasks, type Source } from "@/lib/client/tools";
import { operationLabel } from "@/lib/operations/registry";
import { ImageDrop } from "../ImageDrop";

// Where the picture comes from: this device (drop or choose a file), one of my generations, or a
// gallery work. Generations and works are used by their media URL, so nothing is uploaded again.

type From = "upload" | "mine" | "gallery";
type Item = { key: string; url: string; thumb: string; label: string };

const FROM: { key: From; label: string }[] = [
  { key: "upload", label: "上传图片" },
  { key: "mine", label: "我的生成" },
  { key: "gallery", label: "广场作品" },
];

async function loadItems(from: From, cursor: string | null) {
  if (from === "mine") {
    const page = await listMyTasks({ cursor });
    // A workflow's steps are its own business: the run's result stands for them.
    const items: Item[] = page.items
      .filter((t) => !t.parentId)
      .flatMap((t) =>
        t.outputs
          .filter((o) => o.type === "image")
          .map((o, i) => ({
            key: `${t.id}-${i}`,
            url: o.url,
            thumb: o.url,
            label:
              t.input.prompt ||
              (t.kind === "workflow"
                ? String(t.input.params.label ?? "工作流")
                : operationLabel(t.kind)),
          })),
      );
    return { items, next: page.nextCursor };
  }
  const page = await listGalleryImages(cursor);
  return {
    items: page.items.map((a) => ({
      key: a.id,
      url: a.fullUrl,
      thumb: a.coverUrl,
      label: a.title,
    })),
    next: page.nextCursor,
  };
}

function Library({
  from,
  selected,
  onPick,
}: {
  from: Exclude<From, "upload">;
  selected: string | null;
  onPick: (i: Item) => void;
}) {
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);

  const fetchPage = (cursor: string | null, reset: boolean) =>
    loadItems(from, cursor).then(
      (page) => {
        setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
        setNext(page.next);
        setState("ready");
      },
      (err: unknown) => {
        setError(err instanceof ClientApiError ? err.message : "加载失败");
        setState("error");
      },
    );
  const more = (cursor: string | null, reset: boolean) => {
    setState("loading");
    void fetchPage(cursor, reset);
  };
  // The first page (the list is remounted per source, starting as "loading").
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void fetchPage(null, true), []);

  if (state === "error")
    return (
      <p role="alert" className="text-sm">
        {error}{" "}
        <button
          type="button"
          className="underline underline-offset-2"
          onClick={() => more(null, true)}
        >
          重试
        </button>
      </p>
    );
  if (state === "ready" && !items.length)
    return (
      <p className="rounded-lg border border-dashed border-neutral-300 px-3 py-6 text-center text-sm text-neutral-500">
        {from === "mine"
          ? "还没有生成过图片。先去「生成图片」试试，或直接上传一张。"
          : "广场里还没有图片作品。"}
      </p>
    );
  return (
    <div className="flex flex-col gap-2">
      <ul
        className="grid max-h-72 grid-cols-3 gap-2 overflow-y-auto sm:grid-cols-6"
        aria-busy={state === "loading"}
      >
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              aria-pressed={selected === item.url}
              aria-label={`选用：${item.label}`}
              onClick={() => onPick(item)}
              className={`block aspect-square w-full overflow-hidden rounded border-2 ${selected === item.url ? "border-neutral-900" : "border-transparent hover:border-neutral-400"}`}
            >
              <img
                src={item.thumb}
                alt=""
                loading="lazy"
                className="h-full w-full bg-neutral-100 object-cover"
              />
            </button>
          </li>
        ))}
      </ul>
      {state === "loading" ? <p className="text-xs text-neutral-500">正在加载…</p> : null}
      {next && state === "ready" ? (
        <button
          type="button"
          onClick={() => more(next, false)}
          className="self-start text-xs underline underline-offset-2"
        >
          加载更多
        </button>
      ) : null}
    </div>
  );
}

export function SourcePicker({
  source,
  onChange,
}: {
  source: Source | null;
  onChange: (s: Source | null) => void;
}) {
  const [from, setFrom] = useState<From>("upload");
  const file = source?.kind === "file" ? source.file : null;
  const picked = source?.kind === "url" ? source.url : null;
  const label = useMemo(() => (source?.kind === "url" ? source.label : null), [source]);
  return (
    <section aria-labelledby="tools-source" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="tools-source" className="text-sm font-medium">
          原图
        </h3>
        <div role="group" aria-label="图片来源" className="flex gap-1">
          {FROM.map((f) => (
            <button
              key={f.key}
              type="button"
              aria-pressed={from === f.key}
              onClick={() => setFrom(f.key)}
              className={`min-h-9 rounded-full border px-3 text-xs ${from === f.key ? "border-neutral-900 bg-neutral-900 text-white" : "border-neutral-300 hover:border-neutral-900"}`}
            >
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {from === "upload" ? (
        <ImageDrop
          label="上传原图"
          hint="PNG、JPEG 或 WebP，不超过 10 MB"
          file={file}
          onChange={(f) => onChange(f ? { kind: "file", file: f } : null)}
          required
        />
      ) : (
        <Library
          key={from}
          from={from}
          selected={picked}
          onPick={(item) => onChange({ kind: "url", url: item.url, label: item.label })}
        />
      )}
      {label && from !== "upload" ? (
        <p className="text-xs text-neutral-600">已选用：{label}</p>
      ) : null}
    </section>
  );
}
