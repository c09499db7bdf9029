"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

// The operator console's sections, one per page under /admin. A section is one entry here plus
// its page; the 任务 section (async tasks: filter, cancel with refund) comes with the task engine
// and slots in between 用量 and 设置.
export const ADMIN_SECTIONS = [
  { href: "/admin/users", label: "用户" },
  { href: "/admin/usage", label: "用量" },
  { href: "/admin/settings", label: "设置" },
  { href: "/admin/ai", label: "模型与服务商" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="管理后台" className="mx-auto w-full max-w-6xl px-3 pt-4 sm:px-6">
      <ul className="flex gap-1 overflow-x-auto border-b border-neutral-200">
        {ADMIN_SECTIONS.map((s) => {
          const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link
                prefetch={false}
                href={s.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
                  active
                    ? "border-black font-semibold text-black"
                    : "border-transparent text-neutral-500 hover:text-black"
                }`}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
