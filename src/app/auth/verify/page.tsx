import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/AuthCard";
import { buttonClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "邮箱验证", robots: { index: false } };

// Where the verification link lands (GET /api/auth/verify-email redirects here with the outcome).
const OUTCOMES: Record<string, { title: string; text: string }> = {
  verified: { title: "邮箱已验证", text: "感谢验证！赠送的积分已到账，登录后即可开始创作。" },
  already: { title: "邮箱此前已验证", text: "这个链接已经用过了，无需再次验证。" },
  invalid: {
    title: "验证链接无效",
    text: "链接可能已过期或不完整。请登录后重新注册或联系管理员。",
  },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyPage({ searchParams }: Props) {
  const status = (await searchParams).status;
  const outcome = OUTCOMES[typeof status === "string" ? status : ""] ?? OUTCOMES.invalid;
  return (
    <AuthCard
      title={outcome.title}
      subtitle={outcome.text}
      footer={
        <Link href="/auth/signin" className={`${buttonClass("primary")} h-11 w-full`}>
          去登录
        </Link>
      }
    >
      {null}
    </AuthCard>
  );
}
