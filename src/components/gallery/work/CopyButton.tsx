"use client";
import { useEffect, useState } from "react";

type Props = {
  /** The text to copy; a path starting with "/" is copied as an absolute link on this site. */
  text: string;
  label: string;
  doneLabel?: string;
  className?: string;
};

async function copy(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      return await navigator.clipboard.writeText(text);
    } catch {
      // not allowed here (insecure origin, permission): fall back below
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

export function CopyButton({ text, label, doneLabel = "已复制", className }: Props) {
  const [state, setState] = useState<"idle" | "done" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className={className}
      onClick={() => {
        const value = text.startsWith("/") ? `${window.location.origin}${text}` : text;
        copy(value).then(
          () => setState("done"),
          () => setState("failed"),
        );
      }}
    >
      <span aria-live="polite">
        {state === "done" ? doneLabel : state === "failed" ? "复制失败，请手动复制" : label}
      </span>
    </button>
  );
}
