import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { QuotaList } from "@/components/account/QuotaList";
import { SecurityPanel } from "@/components/account/SecurityPanel";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";
import { getSettings } from "@/lib/settings/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的账户" };

const card = "flex flex-col gap-3 rounded-xl border border-neutral-200 p-4 sm:p-5";

export default async function MePage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me"));
  const { operatorContact } = await getSettings();
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-6 sm:px-6">
      <h1 className="text-xl font-semibold">我的账户</h1>
      <section aria-labelledby="me-account" className={card}>
        <h2 id="me-account" className="text-base font-semibold">
          账户
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-neutral-500">昵称</dt>
          <dd className="min-w-0 truncate">{user.name}</dd>
          <dt className="text-neutral-500">邮箱</dt>
          <dd className="min-w-0 truncate">{user.email}</dd>
          <dt className="text-neutral-500">积分</dt>
          <dd>
            {Number(user.credits).toLocaleString("zh-CN")}{" "}
            <Link href="/credits" className="ml-1 underline underline-offset-2">
              明细
            </Link>
          </dd>
        </dl>
        {operatorContact && (
          <p className="text-xs text-neutral-600">
            积分不足或需要帮助？联系运营：{operatorContact}
          </p>
        )}
      </section>
      <nav aria-labelledby="me-content" className={card}>
        <h2 id="me-content" className="text-base font-semibold">
          我的内容
        </h2>
        <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
          {[
            { href: "/me/generations", label: "我的生成" },
            { href: "/me/works", label: "我的作品" },
            { href: "/me/favorites", label: "我的收藏" },
          ].map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="font-medium underline underline-offset-2">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="me-quotas" className={card}>
        <h2 id="me-quotas" className="text-base font-semibold">
          今日额度
        </h2>
        <QuotaList />
      </section>
      <section aria-labelledby="me-keys" className={card}>
        <h2 id="me-keys" className="text-base font-semibold">
          API 密钥
        </h2>
        <p className="text-sm text-neutral-600">
          在 Cursor、LobeChat、Cherry Studio 或脚本中以 OpenAI 兼容方式调用本站模型。
        </p>
        <Link
          href="/me/keys"
          className="self-start text-sm font-medium underline underline-offset-2"
        >
          管理 API 密钥
        </Link>
      </section>
      <section aria-labelledby="me-security" className={card}>
        <h2 id="me-security" className="text-base font-semibold">
          安全
        </h2>
        <SecurityPanel email={user.email} />
      </section>
    </main>
  );
}
