"use client";
import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/styles";

/** The new key, shown this once: copy it now, it cannot be shown again. */
export function KeyReveal({
  name,
  secret,
  baseUrl,
  onDone,
}: {
  name: string;
  secret: string;
  baseUrl: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<"key" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("key");
    } catch {
      // No clipboard permission (an insecure origin, a webview): select it for a manual copy.
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="flex flex-col gap-4" data-testid="key-reveal">
      <p className="text-sm">
        密钥「{name}」已创建。<strong>它只显示这一次</strong>，关闭后无法再次查看，请立即复制保存。
      </p>
      <label className="flex flex-col gap-1 text-xs font-medium text-neutral-700">
        API 密钥
        <input
          ref={field}
          readOnly
          value={secret}
          aria-label="新建的 API 密钥"
          onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-lg border border-black bg-neutral-50 px-2.5 py-2 font-mono text-sm break-all"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass("primary", "sm")} onClick={copy}>
          {copied === "key" ? "已复制" : "复制密钥"}
        </button>
        <p role="status" aria-live="polite" className="text-xs text-neutral-600">
          {copied === "key"
            ? "已复制到剪贴板"
            : copied === "failed"
              ? "无法访问剪贴板，已选中密钥，请手动复制"
              : null}
        </p>
      </div>
      <div className="rounded-lg bg-neutral-50 px-3 py-2 text-xs text-neutral-700">
        <p className="font-medium">在 OpenAI 兼容工具中使用</p>
        <p className="mt-1 break-all">
          Base URL：<code className="font-mono">{baseUrl}</code>
        </p>
        <p className="mt-0.5">API Key：上面的密钥</p>
      </div>
      <div className="flex justify-end">
        <button type="button" className={buttonClass("outline", "sm")} onClick={onDone}>
          我已保存，关闭
        </button>
      </div>
    </div>
  );
}
