import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProjectsView } from "@/components/projects/ProjectsView";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的项目", robots: { index: false } };

export default async function MyProjectsPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me/projects"));
  return (
    <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="mb-1 text-xl font-semibold">我的项目</h1>
      <p className="mb-4 text-sm text-neutral-600">
        把生成的图片、视频和工具处理结果按项目归类；每一项可以随时移到别的项目。
      </p>
      <ProjectsView />
    </main>
  );
}
