import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
      <p className="text-6xl font-semibold tracking-tight">404</p>
      <h1 className="mt-4 text-lg font-medium">页面不存在</h1>
      <p className="mt-1 text-sm text-neutral-600">链接可能已失效，或者页面已被移走。</p>
      <Link href="/" className={`${buttonClass("primary")} mt-8`}>
        回到广场
      </Link>
    </main>
  );
}
