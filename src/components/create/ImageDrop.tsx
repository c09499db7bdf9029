"use client";
import { useEffect, useId, useMemo, useState, type DragEvent } from "react";
import { checkUpload } from "@/lib/client/images";

// One image upload: click or keyboard (the real file input is focusable), or drag and drop.
// The file is checked in the browser with the server's own rules before it is accepted.

type Props = {
  label: string;
  hint: string;
  file: File | null;
  onChange: (file: File | null) => void;
  pngOnly?: boolean;
  required?: boolean;
};

export function ImageDrop({ label, hint, file, onChange, pngOnly, required }: Props) {
  const id = useId();
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  async function accept(candidate: File | undefined) {
    if (!candidate) return;
    const problem = await checkUpload(candidate, { pngOnly });
    setError(problem);
    onChange(problem ? null : candidate);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    void accept(e.dataTransfer.files[0]);
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
        {required ? null : <span className="ml-1 font-normal text-neutral-500">（可选）</span>}
      </label>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`relative flex min-h-32 items-center justify-center gap-3 rounded-lg border-2 border-dashed p-3 text-sm focus-within:border-neutral-900 ${over ? "border-neutral-900 bg-neutral-50" : "border-neutral-300"}`}
      >
        {preview && file ? (
          <img
            src={preview}
            alt={`${label}预览`}
            className="max-h-40 max-w-[50%] rounded object-contain"
          />
        ) : null}
        <div className="flex min-w-0 flex-col items-center gap-1 text-center">
          <span className="font-medium">{file ? file.name : "拖放图片到这里，或点击选择"}</span>
          <span className="text-xs text-neutral-500">
            {file ? `${(file.size / 1024).toFixed(0)} KB` : hint}
          </span>
          {file ? (
            <button
              type="button"
              onClick={() => onChange(null)}
              className="relative z-10 mt-1 text-xs underline underline-offset-2"
            >
              移除
            </button>
          ) : null}
        </div>
        <input
          id={id}
          type="file"
          accept={pngOnly ? "image/png" : "image/png,image/jpeg,image/webp"}
          aria-describedby={error ? `${id}-err` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            void accept(e.target.files?.[0]);
            e.target.value = "";
          }}
          className="absolute inset-0 cursor-pointer opacity-0"
        />
      </div>
      {error ? (
        <p id={`${id}-err`} role="alert" className="text-xs font-medium text-neutral-900">
          {error}
        </p>
      ) : null}
    </div>
  );
}
