// Shared class strings for the admin console: black-and-white, neutral palette.

export const btn = {
  primary:
    "inline-flex items-center justify-center gap-1 rounded-md bg-black px-3 py-1.5 text-sm font-medium text-white hover:bg-neutral-800 disabled:cursor-not-allowed disabled:opacity-40",
  secondary:
    "inline-flex items-center justify-center gap-1 rounded-md border border-neutral-300 bg-white px-3 py-1.5 text-sm text-neutral-900 hover:border-black disabled:cursor-not-allowed disabled:opacity-40",
  danger:
    "inline-flex items-center justify-center gap-1 rounded-md border border-black bg-white px-3 py-1.5 text-sm font-medium text-black hover:bg-black hover:text-white disabled:cursor-not-allowed disabled:opacity-40",
  link: "text-sm text-neutral-700 underline-offset-2 hover:text-black hover:underline disabled:opacity-40",
};

export const input =
  "w-full rounded-md border border-neutral-300 bg-white px-2.5 py-1.5 text-sm text-neutral-900 placeholder:text-neutral-400 focus:border-black focus:outline-none aria-[invalid=true]:border-black aria-[invalid=true]:border-dashed";

export const table = {
  wrap: "overflow-x-auto rounded-lg border border-neutral-200",
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
