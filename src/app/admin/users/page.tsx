import type { Metadata } from "next";
import { UsersPanel } from "@/components/admin/users/UsersPanel";
import { getAdminPageUser } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "用户管理" };

export default async function AdminUsersPage() {
  if (!(await getAdminPageUser())) return null;
  return (
    <main id="main" className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-3 py-5 sm:px-6">
      <UsersPanel />
    </main>
  );
}
