"use client";
import { useId } from "react";
import type { ToolOperation } from "@/lib/operations/registry";
import { checkUpload } from "@/lib/client/images";
import type { BackgroundState, OutpaintState, ToolState, UpscaleState } from "./params";

// The parameters of each tool, in the words of the page. Numbers stay strings while typed; the
// plan (shared with the server) says what is wrong with them.

const field =
  "min-h-10 w-full rounded-lg border border-neutral-300 px-3 text-base focus:border-neutral-900 sm:text-sm";
const chip = (on: boolean) =>
  `min-h-9 rounded-full border px-3 text-sm ${on ? "border-neutral-900 bg-neutral-900 text-white" : "border-neutral-300 hover:border-neutral-900"}`;

const ASPECTS = ["3:4", "1:1", "4:3", "9:16", "16:9"];

function Num(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  max?: number;
}) {
  return (
    <div>
      <label htmlFor={props.id} className="mb-1 block text-xs text-neutral-600">
        {props.label}
      </label>
      <input
        id={props.id}
        inputMode="numeric"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/[^\d]/g, ""))}
        className={field}
        maxLength={5}
      />
    </div>
  );
}

function Upscale({ s, set }: { s: UpscaleState; set: (p: Partial<UpscaleState>) => void }) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">放大方式</legend>
      <div className="flex flex-wrap gap-2">
        {([2, 4] as const).map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={s.by === "scale" && s.scale === n}
            className={chip(s.by === "scale" && s.scale === n)}
            onClick={() => set({ by: "scale", scale: n })}
          >
            {n}×
          </button>
        ))}
        <button
          type="button"
          aria-pressed={s.by === "size"}
          className={chip(s.by === "size")}
          onClick={() => set({ by: "size" })}
        >
          指定尺寸
        </button>
      </div>
      {s.by === "size" ? (
        <div className="grid grid-cols-2 gap-2">
          <Num
            id={`${id}-w`}
            label="宽（像素，可只填一边）"
            value={s.width}
            onChange={(width) => set({ width })}
          />
          <Num
            id={`${id}-h`}
            label="高（像素）"
            value={s.height}
            onChange={(height) => set({ height })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}

function Outpaint({ s, set }: { s: OutpaintState; set: (p: Partial<OutpaintState>) => void }) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium">扩展方式</legend>
      <div className="flex flex-wrap gap-2">
        {ASPECTS.map((a) => (
          <button
            key={a}
            type="button"
            aria-pressed={s.by === "aspect" && s.aspect === a}
            className={chip(s.by === "aspect" && s.aspect === a)}
            onClick={() => set({ by: "aspect", aspect: a })}
          >
            扩到 {a}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={s.by === "margins"}
          className={chip(s.by === "margins")}
          onClick={() => set({ by: "margins" })}
        >
          按像素
        </button>
      </div>
      {s.by === "margins" ? (
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Num id={`${id}-l`} label="左" value={s.left} onChange={(left) => set({ left })} />
          <Num id={`${id}-r`} label="右" value={s.right} onChange={(right) => set({ right })} />
          <Num id={`${id}-u`} label="上" value={s.up} onChange={(up) => set({ up })} />
          <Num id={`${id}-d`} label="下" value={s.down} onChange={(down) => set({ down })} />
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-c`} className="mb-1 flex justify-between text-xs text-neutral-600">
          <span>创意度</span>
          <span aria-hidden>{s.creativity.toFixed(2)}</span>
        </label>
        <input
          id={`${id}-c`}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={s.creativity}
          onChange={(e) => set({ creativity: Number(e.target.value) })}
          className="w-full accent-black"
        />
      </div>
      <div>
        <label htmlFor={`${id}-p`} className="mb-1 block text-xs text-neutral-600">
          描述新画面（可选）
        </label>
        <input
          id={`${id}-p`}
          value={s.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          maxLength={4000}
          className={field}
          placeholder="例如：延伸的沙滩和天空"
        />
      </div>
    </fieldset>
  );
}

function Background({
  s,
  set,
}: {
  s: BackgroundState;
  set: (p: Partial<BackgroundState>) => void;
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium">背景</legend>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          aria-pressed={s.mode === "remove"}
          className={chip(s.mode === "remove")}
          onClick={() => set({ mode: "remove" })}
        >
          移除背景（透明）
        </button>
        <button
          type="button"
          aria-pressed={s.mode === "replace"}
          className={chip(s.mode === "replace")}
          onClick={() => set({ mode: "replace" })}
        >
          替换背景
        </button>
      </div>
      {s.mode === "replace" ? (
        <>
          <div className="flex flex-wrap gap-2" role="group" aria-label="新背景">
            {(
              [
                ["color", "纯色"],
                ["prompt", "按描述"],
                ["image", "用图片"],
              ] as const
            ).map(([k, label]) => (
              <button
                key={k}
                type="button"
                aria-pressed={s.with === k}
                className={chip(s.with === k)}
                onClick={() => set({ with: k })}
              >
                {label}
              </button>
            ))}
          </div>
          {s.with === "color" ? (
            <div className="flex items-center gap-2">
              <label htmlFor={`${id}-color`} className="text-xs text-neutral-600">
                背景颜色
              </label>
              <input
                id={`${id}-color`}
                type="color"
                value={s.color}
                onChange={(e) => set({ color: e.target.value })}
                className="h-9 w-14 rounded border border-neutral-300"
              />
              <span className="font-mono text-xs">{s.color}</span>
            </div>
          ) : null}
          {s.with === "prompt" ? (
            <div>
              <label htmlFor={`${id}-p`} className="mb-1 block text-xs text-neutral-600">
                描述新背景
              </label>
              <input
                id={`${id}-p`}
                value={s.prompt}
                onChange={(e) => set({ prompt: e.target.value })}
                maxLength={4000}
                className={field}
                placeholder="例如：木质桌面，柔和的自然光"
              />
            </div>
          ) : null}
          {s.with === "image" ? (
            <div>
              <label htmlFor={`${id}-img`} className="mb-1 block text-xs text-neutral-600">
                背景图片
              </label>
              <input
                id={`${id}-img`}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                onChange={async (e) => {
                  const f = e.target.files?.[0] ?? null;
                  set({ image: f && !(await checkUpload(f)) ? f : null });
                }}
                className="text-sm"
              />
              {s.image ? <p className="mt-1 text-xs text-neutral-600">{s.image.name}</p> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

export function ToolParamsForm({
  op,
  state,
  onChange,
}: {
  op: ToolOperation;
  state: ToolState;
  onChange: (s: ToolState) => void;
}) {
  if (op === "image.upscale")
    return (
      <Upscale
        s={state.upscale}
        set={(p) => onChange({ ...state, upscale: { ...state.upscale, ...p } })}
      />
    );
  if (op === "image.outpaint")
    return (
      <Outpaint
        s={state.outpaint}
        set={(p) => onChange({ ...state, outpaint: { ...state.outpaint, ...p } })}
      />
    );
  return (
    <Background
      s={state.background}
      set={(p) => onChange({ ...state, background: { ...state.background, ...p } })}
    />
  );
}
