import Link from "next/link";

/** Shown to signed-in users without the admin role; no admin data is rendered or fetched. */
export function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="font-mono text-5xl font-semibold">403</p>
      <h1 className="text-lg font-semibold">没有访问权限</h1>
      <p className="text-sm text-neutral-500">此页面仅对管理员开放。如需权限，请联系站点管理员。</p>
      <Link href="/" className="rounded-md border border-black px-3 py-1.5 text-sm hover:bg-black hover:text-white">
        返回首页
      </Link>
    </main>
  );
}
