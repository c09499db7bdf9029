import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AdminAiConsole } from "@/components/admin/AdminAiConsole";
import { Forbidden } from "@/components/admin/Forbidden";
import { getPageUser } from "@/lib/auth/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AI 服务商与模型", robots: { index: false } };

// The page checks the role itself even under an admin layout guard: admin content is never
// rendered for anyone else, whatever wraps it.
export default async function AdminAiPage() {
  const user = await getPageUser();
  if (!user) redirect(`/auth/signin?callbackUrl=${encodeURIComponent("/admin/ai")}`);
  if (user.role !== "admin") return <Forbidden />;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-3 py-5 sm:px-6 sm:py-8">
      <header className="flex flex-col gap-1">
        <p className="text-xs tracking-wide text-neutral-500">管理后台</p>
        <h1 className="text-xl font-semibold sm:text-2xl">AI 服务商与模型</h1>
      </header>
      <AdminAiConsole />
    </main>
  );
}
