import { redirect } from "next/navigation";
import { getAdminPageUser } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

// /admin opens on 用户; the layout has already turned away everyone but admins.
export default async function AdminIndex() {
  if (await getAdminPageUser()) redirect("/admin/users");
  return null;
}
