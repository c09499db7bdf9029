import type { Metadata } from "next";
import { AdminAiConsole } from "@/components/admin/AdminAiConsole";
import { getAdminPageUser } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AI 服务商与模型" };

// The /admin layout shows sign-in or 403 to everyone else; the page still renders nothing for a
// non-admin, because a layout does not stop its page from rendering.
export default async function AdminAiPage() {
  if (!(await getAdminPageUser())) return null;
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-3 py-5 sm:px-6 sm:py-8"
    >
      <header className="flex flex-col gap-1">
        <p className="text-xs tracking-wide text-neutral-500">管理后台</p>
        <h1 className="text-xl font-semibold sm:text-2xl">AI 服务商与模型</h1>
      </header>
      <AdminAiConsole />
    </main>
  );
}
