"use client";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { type Capability, type CatalogModel, priceLabel } from "@/lib/client/models";

// A select-only combobox (WAI-ARIA APG pattern): focus stays on the button, the active option is
// announced through aria-activedescendant. Options are grouped 文本 / 图像 / 视频 and carry the provider,
// tags and price so a choice can be made without leaving the list.

type Props = {
  models: CatalogModel[];
  capability: Capability;
  value: string | null;
  onChange: (slug: string) => void;
  state: "loading" | "error" | "ready";
  onRetry?: () => void;
};

const GROUPS: { label: string; test: (m: CatalogModel) => boolean }[] = [
  { label: "文本", test: (m) => m.capabilities.includes("chat") },
  { label: "图像", test: (m) => m.capabilities.some((c) => c.startsWith("image.")) },
  { label: "视频", test: (m) => m.capabilities.includes("video.generate") },
];

export function ModelPicker({ models, capability, value, onChange, state, onRetry }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const groups = useMemo(() => {
    const seen = new Set<string>();
    return GROUPS.map((g) => {
      const items = models.filter(
        (m) => m.capabilities.includes(capability) && g.test(m) && !seen.has(m.slug),
      );
      items.forEach((m) => seen.add(m.slug));
      return { label: g.label, items };
    }).filter((g) => g.items.length > 0);
  }, [models, capability]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const selected = flat.find((m) => m.slug === value) ?? null;
  const optionId = (i: number) => `${id}-opt-${i}`;

  function show(
    index = Math.max(
      0,
      flat.findIndex((m) => m.slug === value),
    ),
  ) {
    if (!flat.length) return;
    setActive(index);
    setOpen(true);
    requestAnimationFrame(() =>
      listRef.current
        ?.querySelector(`#${CSS.escape(optionId(index))}`)
        ?.scrollIntoView({ block: "nearest" }),
    );
  }
  function move(index: number) {
    const next = Math.min(flat.length - 1, Math.max(0, index));
    setActive(next);
    listRef.current
      ?.querySelector(`#${CSS.escape(optionId(next))}`)
      ?.scrollIntoView({ block: "nearest" });
  }
  function choose(index: number) {
    const m = flat[index];
    if (m) onChange(m.slug);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!open) {
      if (["ArrowDown", "ArrowUp", "Enter", " "].includes(e.key)) {
        e.preventDefault();
        show();
      }
      return;
    }
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(flat.length - 1),
      PageDown: () => move(active + 5),
      PageUp: () => move(active - 5),
      Enter: () => choose(active),
      " ": () => choose(active),
      Escape: () => setOpen(false),
    };
    if (e.key === "Tab") return choose(active);
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const disabled = state !== "ready" || flat.length === 0;
  const summary =
    state === "loading"
      ? "正在加载模型…"
      : state === "error"
        ? "模型列表加载失败"
        : !flat.length
          ? "暂无可用模型"
          : selected
            ? `${selected.displayName} · ${selected.providerName}`
            : "请选择模型";

  return (
    <div className="relative w-full sm:max-w-md">
      <span id={`${id}-label`} className="mb-1 block text-sm font-medium">
        模型
      </span>
      <button
        type="button"
        role="combobox"
        aria-labelledby={`${id}-label`}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? optionId(active) : undefined}
        aria-describedby={selected ? `${id}-price` : undefined}
        disabled={disabled}
        onClick={() => (open ? setOpen(false) : show())}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        className="flex min-h-11 w-full items-center justify-between gap-2 rounded-lg border border-neutral-300 bg-white px-3 py-2 text-left text-sm hover:border-neutral-900 disabled:cursor-not-allowed disabled:bg-neutral-50 disabled:text-neutral-500"
      >
        <span className="min-w-0 truncate">{summary}</span>
        <span aria-hidden className="shrink-0 text-xs text-neutral-500">
          {open ? "▲" : "▼"}
        </span>
      </button>
      {selected ? (
        <p id={`${id}-price`} className="mt-1 text-xs text-neutral-500">
          {priceLabel(selected, capability)}
        </p>
      ) : null}
      {state === "error" && onRetry ? (
        <button
          type="button"
          onClick={onRetry}
          className="mt-1 text-xs underline underline-offset-2"
        >
          重新加载模型
        </button>
      ) : null}
      <div
        ref={listRef}
        id={`${id}-list`}
        role="listbox"
        aria-labelledby={`${id}-label`}
        hidden={!open}
        className="absolute z-30 mt-1 max-h-80 w-full overflow-y-auto rounded-lg border border-neutral-300 bg-white py-1 shadow-lg"
      >
        {groups.map((g) => (
          <div key={g.label} role="group" aria-labelledby={`${id}-g-${g.label}`}>
            <div
              id={`${id}-g-${g.label}`}
              role="presentation"
              className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-neutral-500"
            >
              {g.label}
            </div>
            {g.items.map((m) => {
              const i = flat.indexOf(m);
              const isSelected = m.slug === value;
              return (
                <div
                  key={m.slug}
                  id={optionId(i)}
                  role="option"
                  aria-selected={isSelected}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(i)}
                  className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-neutral-100" : ""}`}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{m.displayName}</span>
                    {isSelected ? <span aria-hidden>✓</span> : null}
                  </div>
                  <div className="text-xs text-neutral-500">
                    {m.providerName} · {m.slug}
                  </div>
                  {m.tags.length ? (
                    <div className="mt-1 flex flex-wrap gap-1">
                      {m.tags.map((t) => (
                        <span
                          key={t}
                          className="rounded border border-neutral-300 px-1.5 text-[11px] leading-4 text-neutral-600"
                        >
                          {t}
                        </span>
                      ))}
                    </div>
                  ) : null}
                  <div className="mt-1 text-xs text-neutral-700">{priceLabel(m, capability)}</div>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
