"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/styles";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    // redirect:false — NextAuth would otherwise build the target from NEXTAUTH_URL, which may
    // not be the host the user is on.
    await signOut({ redirect: false }).catch(() => undefined);
    router.replace("/");
    router.refresh();
    setPending(false);
  }
  return (
    <button type="button" onClick={onClick} disabled={pending} className={buttonClass("ghost", "sm")}>
      {pending ? "退出中…" : "退出"}
    </button>
  );
}
