import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { currentUser } from "@/lib/auth/page-guard";
import { safeCallbackUrl } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "注册",
  description: "注册 AIGC Studio 账号，新用户赠送积分。",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof sp.callbackUrl === "string" ? sp.callbackUrl : null);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="注册"
      subtitle="创建账号，注册即送积分，可用于生成图像与对话。"
      footer={
        <>
          已有账号？{" "}
          <Link
            href={`/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="font-medium text-black underline underline-offset-4"
          >
            登录
          </Link>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
