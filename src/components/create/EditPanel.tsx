"use client";
import { useId, useState } from "react";
import { editImages } from "@/lib/client/images";
import { type CatalogModel, estimateImageCost } from "@/lib/client/models";
import type { CallRecord } from "./CallSummary";
import { useCostGate } from "./CostNotice";
import { ImageFormFooter, PromptField } from "./ImageFormParts";
import { ImageDrop } from "./ImageDrop";
import { ImageOptions, sizesFor } from "./ImageOptions";
import { ModelPicker } from "./ModelPicker";
import { ResultGrid } from "./ResultGrid";
import { useImageCall } from "./useImageCall";
import { useModelChoice } from "./useModelChoice";

type Props = {
  models: CatalogModel[];
  modelsState: "loading" | "error" | "ready";
  onRetryModels: () => void;
  onCall: (record: CallRecord) => void;
};

export function EditPanel({ models, modelsState, onRetryModels, onCall }: Props) {
  const id = useId();
  const { model, offered, choose } = useModelChoice("image.edit", models);
  const [image, setImage] = useState<File | null>(null);
  const [mask, setMask] = useState<File | null>(null);
  const [prompt, setPrompt] = useState("");
  const [sizeWanted, setSize] = useState("1024x1024");
  const [n, setN] = useState(1);
  const [persist, setPersist] = useState(false);
  const call = useImageCall("image.edit", onCall);

  const sizes = sizesFor(model?.pricing["image.edit"]?.sizeFactors);
  const size = sizes.includes(sizeWanted) ? sizeWanted : sizes[0];
  const estimate = model ? estimateImageCost(model, "image.edit", { n, size }) : null;
  const { blocked, credits } = useCostGate(estimate);

  function submit() {
    const text = prompt.trim();
    if (!model || !image || !text || call.busy || blocked) return;
    void call.run(model, persist, (requestId) =>
      editImages({ model: model.slug, prompt: text, n, size, persist, requestId, image, mask }),
    );
  }

  const noticeId = `${id}-notice`;
  return (
    <div className="flex flex-col gap-4">
      <ModelPicker
        models={offered}
        capability="image.edit"
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
        <div className="grid gap-3 sm:grid-cols-2">
          <ImageDrop
            label="原图"
            hint="PNG、JPEG 或 WebP，不超过 10 MB"
            file={image}
            onChange={setImage}
            required
          />
          <ImageDrop
            label="遮罩"
            hint="PNG，尺寸与原图一致；透明区域为要修改的部分"
            file={mask}
            onChange={setMask}
            pngOnly
          />
        </div>
        <PromptField
          id={id}
          value={prompt}
          onChange={setPrompt}
          placeholder="描述要如何修改这张图片"
        />
        <ImageOptions
          sizes={sizes}
          size={size}
          onSize={setSize}
          n={n}
          onN={setN}
          persist={persist}
          onPersist={setPersist}
        />
        <ImageFormFooter
          call={call}
          noticeId={noticeId}
          blocked={blocked}
          estimate={estimate}
          credits={credits}
          ready={Boolean(model && image && prompt.trim())}
          label="编辑图片"
          busyLabel="处理中…"
        />
      </form>
      <ResultGrid
        results={call.results}
        busy={call.busy}
        count={n}
        published={call.published}
        label="编辑结果"
      />
    </div>
  );
}
