import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreditsView } from "@/components/credits/CreditsView";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";
import { getSettings } from "@/lib/settings/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "积分" };

export default async function CreditsPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/credits"));
  const { operatorContact } = await getSettings();
  return (
    <main id="main" className="mx-auto w-full max-w-4xl px-4 py-6 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">积分</h1>
      {operatorContact && (
        <p className="mb-4 text-sm text-neutral-600">需要充值？联系运营：{operatorContact}</p>
      )}
      <CreditsView />
    </main>
  );
}
