"use client";
import { useEffect, useId, useState } from "react";
import { editImages } from "@/lib/client/images";
import type { CatalogModel } from "@/lib/client/models";
import type { CallRecord } from "./CallSummary";
import { useCostGate } from "./CostNotice";
import { BlockedAfterResult, ImageFormFooter, PromptField } from "./ImageFormParts";
import { ImageDrop } from "./ImageDrop";
import { ImageOptions, sizesFor } from "./ImageOptions";
import { type Dims, imageDims, maskProblem, sizeForAspect } from "./mask";
import { MaskPreview } from "./MaskPreview";
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
  /** "编辑这张" from my generations: the picture's URL, loaded as the source. */
  initialImageUrl?: string;
  initialPrompt?: string;
  prefillModel?: string | null;
};

export function EditPanel(props: Props) {
  const { models, modelsState, onRetryModels, onCall } = props;
  const id = useId();
  const { model, offered, choose } = useModelChoice("image.edit", models, props.prefillModel);
  const [image, setImageFile] = useState<File | null>(null);
  const [imageSize, setImageSize] = useState<Dims | null>(null);
  const [mask, setMaskFile] = useState<File | null>(null);
  const [maskSize, setMaskSize] = useState<Dims | null>(null);
  const [prompt, setPrompt] = useState(props.initialPrompt ?? "");
  const [sizeWanted, setSize] = useState<string | null>(null);
  const [n, setN] = useState(1);
  const call = useImageCall("image.edit", onCall);

  async function setImage(file: File | null) {
    setImageFile(file);
    setImageSize(file ? await imageDims(file) : null);
    setSize(null); // the default follows the new picture's aspect
  }
  async function setMask(file: File | null) {
    setMaskFile(file);
    setMaskSize(file ? await imageDims(file) : null);
  }
  useEffect(() => {
    const url = props.initialImageUrl;
    if (!url) return;
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => {
        if (live) void setImage(new File([b], "source.png", { type: b.type || "image/png" }));
      })
      .catch(() => undefined); // the picker stays empty; the user can choose the file
    return () => {
      live = false;
    };
  }, [props.initialImageUrl]);

  const pricing = model?.pricing["image.edit"];
  const sizes = sizesFor(pricing?.sizeFactors);
  const fitted = sizeForAspect(sizes, imageSize) ?? sizes[0];
  const size = sizeWanted && sizes.includes(sizeWanted) ? sizeWanted : fitted;
  const price = model ? imageBreakdown(model, "image.edit", { n, size }) : null;
  const { blocked, credits } = useCostGate(price?.total ?? null);
  const badMask = mask ? maskProblem(imageSize, maskSize) : null;

  function submit() {
    const text = prompt.trim();
    if (!model || !image || !text || call.busy || blocked || badMask) return;
    void call.run(model, false, (requestId, signal) =>
      editImages(
        { model: model.slug, prompt: text, n, size, persist: false, requestId, image, mask },
        signal,
      ),
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
            onChange={(f) => void setImage(f)}
            required
          />
          <div className="flex flex-col gap-1">
            <ImageDrop
              label="遮罩"
              hint="PNG，尺寸与原图一致；透明区域为要修改的部分"
              file={mask}
              onChange={(f) => void setMask(f)}
              pngOnly
            />
            <p className="text-xs text-neutral-500">
              遮罩决定改哪里：透明的部分按提示词重画，其余保持原样；不上传则整张图都可能改变。
            </p>
            {badMask ? (
              <p role="alert" className="text-xs font-medium">
                {badMask}
              </p>
            ) : null}
          </div>
        </div>
        {image && mask && !badMask ? <MaskPreview image={image} mask={mask} /> : null}
        <PromptField
          id={id}
          value={prompt}
          onChange={setPrompt}
          placeholder="描述要如何修改这张图片"
        />
        <ImageOptions
          sizeFactors={pricing?.sizeFactors}
          sizes={sizes}
          size={size}
          onSize={setSize}
          n={n}
          onN={setN}
        />
        <ImageFormFooter
          call={call}
          noticeId={noticeId}
          blocked={blocked}
          price={price}
          credits={credits}
          ready={Boolean(model && image && prompt.trim() && !badMask)}
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
