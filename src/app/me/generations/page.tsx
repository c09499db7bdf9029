import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { GenerationList } from "@/components/generations/GenerationList";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的生成", robots: { index: false } };

export default async function MyGenerationsPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me/generations"));
  return (
    <main id="main" className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6">
      <h1 className="mb-1 text-xl font-semibold">我的生成</h1>
      <p className="mb-4 text-sm text-neutral-600">
        你生成的每一张图片、每一段视频都保存在这里，最新的在最前面，仅自己可见。发布后会出现在广场和
        <Link href="/me/works" className="underline underline-offset-2">
          我的作品
        </Link>
        中。
      </p>
      <GenerationList pageSize={12} />
    </main>
  );
}
