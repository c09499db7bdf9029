"use client";
import { useState } from "react";
import { Modal } from "@/components/admin/common/Modal";
import { KeysManager } from "@/components/keys/KeysManager";
import { API_BASE_URL } from "@/lib/public-env";

/**
 * 我的 → API 密钥: the same key manager as /me/keys, opened over the tab. Its requests go through
 * the shell's session (bearer token), so it works on a device or another origin too.
 */
export function ShellKeysEntry() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex h-12 w-full items-center justify-between rounded-xl border border-neutral-200 px-4 text-sm"
      >
        <span>API 密钥</span>
        <span aria-hidden className="text-neutral-400">
          ›
        </span>
      </button>
      <Modal open={open} title="API 密钥" wide onClose={() => setOpen(false)}>
        {open && <KeysManager apiOrigin={API_BASE_URL || null} />}
      </Modal>
    </>
  );
}
