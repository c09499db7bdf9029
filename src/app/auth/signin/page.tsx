import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { nextAuthMessage } from "@/components/auth/messages";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser } from "@/lib/auth/page-guard";
import { safeCallbackUrl } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "登录",
  description: "登录 AIGC Studio，收藏作品、复用提示词、开始创作。",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof sp.callbackUrl === "string" ? sp.callbackUrl : null);
  if (await currentUser()) redirect(callbackUrl);
  const error = nextAuthMessage(typeof sp.error === "string" ? sp.error : null);
  return (
    <AuthCard
      title="登录"
      subtitle="欢迎回来，登录后可以收藏作品、复用提示词。"
      footer={
        <>
          还没有账号？{" "}
          <Link
            href={`/auth/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="font-medium text-black underline underline-offset-4"
          >
            注册
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
    </AuthCard>
  );
}
