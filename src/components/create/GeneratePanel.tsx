"use client";
import { useId, useState } from "react";
import { generateImages } from "@/lib/client/images";
import type { CatalogModel } from "@/lib/client/models";
import type { CallRecord } from "./CallSummary";
import { useCostGate } from "./CostNotice";
import { BlockedAfterResult, ImageFormFooter, PromptField } from "./ImageFormParts";
import { ImageOptions, qualitiesFor, sizesFor } from "./ImageOptions";
import { ModelPicker } from "./ModelPicker";
import { imageBreakdown } from "./price";
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
  initialSize?: string;
  initialQuality?: string;
};

export function GeneratePanel({
  models,
  modelsState,
  onRetryModels,
  onCall,
  initialPrompt,
  prefillModel,
  initialSize,
  initialQuality,
}: Props) {
  const id = useId();
  const { model, offered, choose } = useModelChoice("image.generate", models, prefillModel);
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const [sizeWanted, setSize] = useState(initialSize ?? "1024x1024");
  const [qualityWanted, setQuality] = useState(initialQuality ?? "standard");
  const [n, setN] = useState(1);
  const call = useImageCall("image.generate", onCall);

  const pricing = model?.pricing["image.generate"];
  const sizes = sizesFor(pricing?.sizeFactors);
  const qualities = qualitiesFor(pricing?.qualityFactors);
  const size = sizes.includes(sizeWanted) ? sizeWanted : sizes[0];
  const quality = qualities.includes(qualityWanted) ? qualityWanted : qualities[0];
  const price = model ? imageBreakdown(model, "image.generate", { n, size, quality }) : null;
  const { blocked, credits } = useCostGate(price?.total ?? null);

  function submit() {
    const text = prompt.trim();
    if (!model || !text || call.busy || blocked) return;
    void call.run(model, false, (requestId, signal) =>
      generateImages(
        { model: model.slug, prompt: text, n, size, quality, persist: false, requestId },
        signal,
      ),
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
        <PromptField
          id={id}
          value={prompt}
          onChange={setPrompt}
          placeholder="描述你想要的画面，例如：晨雾中的山间小镇，水彩风格"
        />
        <ImageOptions
          sizeFactors={pricing?.sizeFactors}
          qualityFactors={pricing?.qualityFactors}
          sizes={sizes}
          size={size}
          onSize={setSize}
          n={n}
          onN={setN}
          qualities={qualities}
          quality={quality}
          onQuality={setQuality}
        />
        <ImageFormFooter
          call={call}
          noticeId={noticeId}
          blocked={blocked}
          price={price}
          credits={credits}
          ready={Boolean(model && prompt.trim())}
          label="生成图片"
          busyLabel="生成中…"
        />
      </form>
      <ResultGrid
        results={call.results}
        busy={call.busy}
        count={n}
        published={call.published}
        label="生成结果"
      />
      <BlockedAfterResult
        call={call}
        blocked={blocked}
        noticeId={`${noticeId}-after`}
        price={price}
        credits={credits}
      />
    </div>
  );
}
