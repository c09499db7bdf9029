import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

export function Forbidden({ name }: { name: string }) {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
      <p className="text-6xl font-semibold tracking-tight">403</p>
      <h1 className="mt-4 text-lg font-medium">无权访问</h1>
      <p className="mt-1 text-sm text-neutral-600">
        当前账号（{name}）没有管理员权限。如需开通，请联系站点管理员。
      </p>
      <Link href="/" className={`${buttonClass("primary")} mt-8`}>
        回到广场
      </Link>
    </main>
  );
}
