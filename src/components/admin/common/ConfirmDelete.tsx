"use client";

import { useState } from "react";
import { errorText } from "../api";
import { Field } from "./Field";
import { Modal } from "./Modal";
import { ErrorNote } from "./States";
import { btn, input } from "./styles";

/** 二次确认 for destructive actions: the admin types the object's slug before deleting. */
export function ConfirmDelete({
  what,
  slug,
  consequence,
  onConfirm,
  onClose,
}: {
  what: string;
  slug: string;
  consequence: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (typed !== slug) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Modal open title={`删除${what}`} onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <p className="text-sm text-neutral-700">
          将永久删除{what} <code className="rounded bg-neutral-100 px-1 font-mono">{slug}</code>。
          {consequence}此操作无法撤销。
        </p>
        <Field label={`请输入 ${slug} 以确认`}>
          <input
            className={input}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
        </Field>
        {error && <ErrorNote message={error} />}
        <div className="flex justify-end gap-2">
          <button type="button" className={btn.secondary} onClick={onClose}>
            取消
          </button>
          <button type="submit" className={btn.danger} disabled={typed !== slug || busy}>
            {busy ? "删除中…" : "确认删除"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
