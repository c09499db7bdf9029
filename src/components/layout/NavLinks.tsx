"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/LinkPending";
import { useViewer } from "@/lib/client/viewer";

type Item = { href: string; label: string };

const EVERYONE: Item[] = [
  { href: "/", label: "广场" },
  { href: "/explore", label: "探索" },
  { href: "/create", label: "创作" },
];
const SIGNED_IN: Item[] = [
  { href: "/me/favorites", label: "收藏" },
  { href: "/me", label: "我的" },
];
const ADMIN: Item = { href: "/admin", label: "管理" };

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return (
    pathname === href ||
    pathname.startsWith(`${href}/`) ||
    (href.startsWith("/admin") && pathname.startsWith("/admin"))
  );
}

/** The main navigation; a signed-in visitor's links are added once the viewer is known. */
export function NavLinks() {
  const pathname = usePathname();
  const { user } = useViewer();
  const items = [
    ...EVERYONE,
    ...(user ? SIGNED_IN : []),
    ...(user?.role === "admin" ? [ADMIN] : []),
  ];
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
