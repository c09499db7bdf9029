"use client";
import { useId, useState } from "react";
import { generateImages } from "@/lib/client/images";
import { type CatalogModel, estimateImageCost } from "@/lib/client/models";
import type { CallRecord } from "./CallSummary";
import { ErrorNotice, EstimateLine, InsufficientNotice, useCostGate } from "./CostNotice";
import { ImageOptions, qualitiesFor, sizesFor } from "./ImageOptions";
import { ModelPicker } from "./ModelPicker";
import { ResultGrid } from "./ResultGrid";
import { useImageCall } from "./useImageCall";
import { useModelChoice } from "./useModelChoice";

type Props = {
  models: CatalogModel[];
  modelsState: "loading" | "error" | "ready";
  onRetryModels: () => void;
  onCall: (record: CallRecord) => void;
  initialPrompt?: string;
  prefillModel?: string | null;
};

export function GeneratePanel({
  models,
  modelsState,
  onRetryModels,
  onCall,
  initialPrompt,
  prefillModel,
}: Props) {
  const id = useId();
  const { model, offered, choose } = useModelChoice("image.generate", models, prefillModel);
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const [sizeWanted, setSize] = useState("1024x1024");
  const [qualityWanted, setQuality] = useState("standard");
  const [n, setN] = useState(1);
  const [persist, setPersist] = useState(false);
  const call = useImageCall("image.generate", onCall);

  const pricing = model?.pricing["image.generate"];
  const sizes = sizesFor(pricing?.sizeFactors);
  const qualities = qualitiesFor(pricing?.qualityFactors);
  const size = sizes.includes(sizeWanted) ? sizeWanted : sizes[0];
  const quality = qualities.includes(qualityWanted) ? qualityWanted : qualities[0];
  const estimate = model ? estimateImageCost(model, "image.generate", { n, size, quality }) : null;
  const { blocked, credits } = useCostGate(estimate);

  function submit() {
    const text = prompt.trim();
    if (!model || !text || call.busy || blocked) return;
    void call.run(model, persist, (requestId) =>
      generateImages({ model: model.slug, prompt: text, n, size, quality, persist, requestId }),
    );
  }

  const noticeId = `${id}-notice`;
  return (
    <div className="flex flex-col gap-4">
      <ModelPicker
        models={offered}
        capability="image.generate"
        value={model?.slug ?? null}
        onChange={choose}
        state={modelsState}
        onRetry={onRetryModels}
      />
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div>
          <label htmlFor={`${id}-prompt`} className="mb-1 block text-sm font-medium">
            提示词
          </label>
          <textarea
            id={`${id}-prompt`}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={3}
            maxLength={32_000}
            placeholder="描述你想要的画面，例如：晨雾中的山间小镇，水彩风格"
            className="w-full resize-y rounded-lg border border-neutral-300 px-3 py-2 text-base focus:border-neutral-900 sm:text-sm"
          />
        </div>
        <ImageOptions
          sizes={sizes}
          size={size}
          onSize={setSize}
          n={n}
          onN={setN}
          qualities={qualities}
          quality={quality}
          onQuality={setQuality}
          persist={persist}
          onPersist={setPersist}
        />
        {call.error?.insufficientCredits ? (
          <InsufficientNotice id={noticeId} serverMessage={call.error.message} />
        ) : null}
        {blocked && !call.error?.insufficientCredits ? (
          <InsufficientNotice id={noticeId} estimate={estimate} credits={credits} />
        ) : null}
        {call.error && !call.error.insufficientCredits ? (
          <ErrorNotice message={call.error.message} onDismiss={call.clearError} />
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <EstimateLine estimate={estimate} />
          <button
            type="submit"
            disabled={call.busy || !model || !prompt.trim() || blocked}
            aria-describedby={blocked ? noticeId : undefined}
            className="ml-auto min-h-10 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
          >
            {call.busy ? "生成中…" : "生成图片"}
          </button>
        </div>
      </form>
      <ResultGrid
        results={call.results}
        busy={call.busy}
        count={n}
        published={call.published}
        label="生成结果"
      />
    </div>
  );
}
