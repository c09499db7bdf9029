"use client";
import { useEffect, useId, useState } from "react";
import { refreshBalance } from "@/lib/client/balance";
import { notifyGenerations } from "@/lib/client/generations-store";
import { ClientApiError, newRequestId } from "@/lib/client/http";
import type { CatalogModel } from "@/lib/client/models";
import { createVideo } from "@/lib/client/tasks";
import type { CallRecord } from "./CallSummary";
import { ErrorNotice, InsufficientNotice, useCostGate } from "./CostNotice";
import { PromptField } from "./ImageFormParts";
import { ImageDrop } from "./ImageDrop";
import { ModelPicker } from "./ModelPicker";
import { PriceDetails } from "./PriceDetails";
import { factorTag, videoBreakdown } from "./price";
import { useModelChoice } from "./useModelChoice";

// 视频: a video task on a video model. Submitting answers at once with a queued task; the task
// then shows its progress in my generations (beside the creator), where the clip plays.

const SECONDS = [4, 8, 12] as const;
const SHAPES = [
  { size: "720x1280", label: "竖屏 9:16" },
  { size: "1280x720", label: "横屏 16:9" },
  { size: "1024x1792", label: "竖屏 高清" },
  { size: "1792x1024", label: "横屏 高清" },
] as const;

type Props = {
  models: CatalogModel[];
  modelsState: "loading" | "error" | "ready";
  onRetryModels: () => void;
  onCall: (record: CallRecord) => void;
  initialPrompt?: string;
  prefillModel?: string | null;
  initialSeconds?: number;
  initialSize?: string;
  /** "生成视频" from an image: its URL, loaded as the reference image. */
  initialImageUrl?: string;
};

export function VideoPanel(props: Props) {
  const { models, modelsState, onRetryModels, onCall } = props;
  const id = useId();
  const { model, offered, choose } = useModelChoice("video.generate", models, props.prefillModel);
  const [prompt, setPrompt] = useState(props.initialPrompt ?? "");
  const [seconds, setSeconds] = useState<number>(
    SECONDS.includes(props.initialSeconds as 4) ? props.initialSeconds! : 4,
  );
  const [size, setSize] = useState<string>(
    SHAPES.some((s) => s.size === props.initialSize) ? props.initialSize! : "720x1280",
  );
  const [reference, setReference] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientApiError | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);

  useEffect(() => {
    const url = props.initialImageUrl;
    if (!url) return;
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => {
        if (live) setReference(new File([b], "reference.png", { type: b.type || "image/png" }));
      })
      .catch(() => live && setError(new ClientApiError("参考图加载失败，请重新选择", 0, "error")));
    return () => {
      live = false;
    };
  }, [props.initialImageUrl]);

  const pricing = model?.pricing["video.generate"];
  const price = model ? videoBreakdown(model, { seconds, size }) : null;
  const estimate = price?.total ?? null;
  const { blocked, credits } = useCostGate(estimate);
  const short = error?.insufficientCredits;

  async function submit() {
    const text = prompt.trim();
    if (!model || !text || busy || blocked) return;
    setBusy(true);
    setError(null);
    setSubmitted(null);
    const started = performance.now();
    const record: CallRecord = {
      model: model.slug,
      modelName: model.displayName,
      operation: "video.generate",
      credits: null,
      latencyMs: 0,
      outcome: "success",
    };
    try {
      await createVideo({
        model: model.slug,
        prompt: text,
        seconds,
        size,
        reference,
        requestId: newRequestId(),
      });
      setSubmitted(
        "已提交，正在排队生成。进度和结果见下方「我的生成」，可以离开本页，完成后仍会保存。",
      );
      notifyGenerations();
      void refreshBalance(true);
      onCall({ ...record, latencyMs: performance.now() - started });
    } catch (err) {
      setError(
        err instanceof ClientApiError ? err : new ClientApiError("请求失败，请重试", 0, "error"),
      );
      onCall({ ...record, latencyMs: performance.now() - started, outcome: "failed", credits: 0 });
    } finally {
      setBusy(false);
    }
  }

  const noticeId = `${id}-notice`;
  return (
    <div className="flex flex-col gap-4">
      <ModelPicker
        models={offered}
        capability="video.generate"
        value={model?.slug ?? null}
        onChange={choose}
        state={modelsState}
        onRetry={onRetryModels}
      />
      {modelsState === "ready" && !offered.length ? (
        <p className="text-sm text-neutral-600">本站暂未开放视频模型。</p>
      ) : null}
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PromptField
          id={id}
          value={prompt}
          onChange={setPrompt}
          placeholder="描述画面和运动，例如：海浪拍打礁石，镜头缓慢推近，黄昏"
        />
        <fieldset>
          <legend className="mb-1 text-sm font-medium">时长</legend>
          <div className="flex flex-wrap gap-2">
            {SECONDS.map((s) => (
              <label
                key={s}
                className={`flex min-h-10 cursor-pointer items-center rounded-lg border px-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-neutral-900 ${seconds === s ? "border-neutral-900 font-medium" : "border-neutral-300"}`}
              >
                <input
                  type="radio"
                  name={`${id}-seconds`}
                  value={s}
                  checked={seconds === s}
                  onChange={() => setSeconds(s)}
                  className="sr-only"
                />
                {s} 秒
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">画幅</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {SHAPES.map((shape) => {
              const [w, h] = shape.size.split("x").map(Number);
              const tag = factorTag(pricing?.sizeFactors?.[shape.size]);
              return (
                <label
                  key={shape.size}
                  className={`flex min-h-16 cursor-pointer items-center gap-2 rounded-lg border px-2 py-2 text-xs has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-neutral-900 ${size === shape.size ? "border-neutral-900" : "border-neutral-300"}`}
                >
                  <input
                    type="radio"
                    name={`${id}-size`}
                    value={shape.size}
                    checked={size === shape.size}
                    onChange={() => setSize(shape.size)}
                    className="sr-only"
                  />
                  <span aria-hidden className="flex size-10 shrink-0 items-center justify-center">
                    <span
                      className={`block border-2 ${size === shape.size ? "border-neutral-900 bg-neutral-900/10" : "border-neutral-400"}`}
                      style={
                        w > h
                          ? { width: 40, height: (40 * h) / w }
                          : { height: 40, width: (40 * w) / h }
                      }
                    />
                  </span>
                  <span className="flex flex-col">
                    <span className="font-medium">{shape.label}</span>
                    <span className="text-neutral-500">
                      {shape.size.replace("x", "×")}
                      {tag ? ` · 价格${tag}` : ""}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <ImageDrop
          label="参考图"
          hint="图生视频：PNG、JPEG 或 WebP，不超过 10 MB"
          file={reference}
          onChange={setReference}
        />
        {short ? <InsufficientNotice id={noticeId} serverMessage={error!.message} /> : null}
        {blocked && !short ? (
          <InsufficientNotice id={noticeId} estimate={estimate} credits={credits} />
        ) : null}
        {error && !short ? (
          <ErrorNotice message={error.message} onDismiss={() => setError(null)} />
        ) : null}
        {submitted ? (
          <p role="status" className="text-sm">
            {submitted}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <PriceDetails price={price} />
          <button
            type="submit"
            disabled={busy || !model || !prompt.trim() || blocked}
            aria-describedby={blocked ? noticeId : undefined}
            className="ml-auto min-h-10 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
          >
            {busy ? "提交中…" : estimate !== null ? `生成视频 · ${estimate} 积分` : "生成视频"}
          </button>
        </div>
      </form>
    </div>
  );
}
