"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/styles";
import { refreshViewer } from "@/lib/client/viewer";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    // The same two requests next-auth/react's signOut() makes, without shipping that library
    // on every page (it is only loaded by the sign-in forms).
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, json: "true" }),
      });
    } catch {
      // Network trouble: the refresh below shows whether the session is still there.
    }
    refreshViewer();
    router.replace("/");
    router.refresh();
    setPending(false);
  }
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      className={buttonClass("ghost", "sm")}
    >
      {pending ? "退出中…" : "退出"}
    </button>
  );
}
