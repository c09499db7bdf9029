import type { Metadata } from "next";
import { UserDetailPanel } from "@/components/admin/users/UserDetailPanel";
import { getAdminPageUser } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "用户详情" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await getAdminPageUser())) return null;
  const { id } = await params;
  return (
    <main id="main" className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-3 py-5 sm:px-6">
      <UserDetailPanel userId={id} />
    </main>
  );
}
