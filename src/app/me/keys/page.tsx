import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { KeysManager } from "@/components/keys/KeysManager";
import { currentUser } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API 密钥" };

export default async function KeysPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me/keys"));
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-6 sm:px-6">
      <nav aria-label="面包屑" className="text-sm text-neutral-500">
        <Link href="/me" className="underline-offset-2 hover:underline">
          我的账户
        </Link>{" "}
        / API 密钥
      </nav>
      <h1 className="text-xl font-semibold">API 密钥</h1>
      {/* The gateway's address as a tool needs it: PUBLIC_URL, else the page's own origin. */}
      <KeysManager apiOrigin={env.PUBLIC_URL ?? null} />
    </main>
  );
}
