"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/LinkPending";

type Item = { href: string; label: string };

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return (
    pathname === href ||
    pathname.startsWith(`${href}/`) ||
    (href.startsWith("/admin") && pathname.startsWith("/admin"))
  );
}

export function NavLinks({ items }: { items: Item[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex items-center gap-1">
      {items.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              prefetch={false}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={
                "inline-flex h-9 items-center rounded-full px-3 text-sm transition-colors " +
                (active
                  ? "bg-black font-medium text-white"
                  : "text-neutral-700 hover:bg-neutral-100 hover:text-black")
              }
            >
              {item.label}
              <LinkPending />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
