// Shared class strings for the admin console: the site's black-and-white buttons, denser tables.
import { buttonClass } from "@/components/ui/styles";

export const btn = {
  primary: `${buttonClass("primary", "sm")} text-sm`,
  secondary: `${buttonClass("outline", "sm")} text-sm`,
  danger: `${buttonClass("outline", "sm")} border-black text-sm hover:bg-black hover:text-white`,
  link: "text-sm text-neutral-700 underline-offset-2 hover:text-black hover:underline disabled:opacity-40",
};

export const input =
  "w-full rounded-lg border border-neutral-300 bg-white px-2.5 py-1.5 text-base text-neutral-900 sm:text-sm placeholder:text-neutral-400 focus:border-black aria-[invalid=true]:border-black aria-[invalid=true]:border-dashed";

export const table = {
  // relative: the sr-only header cells are absolutely positioned and would otherwise escape the scroller.
  wrap: "relative overflow-x-auto rounded-lg border border-neutral-200",
  table: "w-full min-w-[640px] border-collapse text-left text-sm",
  th: "border-b border-neutral-200 bg-neutral-50 px-3 py-2 text-xs font-medium whitespace-nowrap text-neutral-500",
  td: "border-b border-neutral-100 px-3 py-2 align-middle",
};

export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
