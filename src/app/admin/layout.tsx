import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/AdminNav";
import { Forbidden } from "@/components/layout/Forbidden";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "管理", robots: { index: false } };

// Guard for every /admin/* page: signed out → sign-in (and back), signed in without the admin
// role → 403. Pages still check for themselves with getAdminPageUser() (see page-guard.ts).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) {
    // src/proxy.ts forwards the requested path, since layouts are not given it.
    const requested = (await headers()).get("x-pathname") ?? "/admin";
    redirect(signInHref(requested.startsWith("/admin") ? requested : "/admin"));
  }
  if (user.role !== "admin") return <Forbidden name={user.name} />;
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
