// Shared class strings for the black-and-white primitives, so every button and chip looks alike.

export type ButtonVariant = "primary" | "outline" | "ghost";

const base =
  "inline-flex items-center justify-center gap-1.5 rounded-full font-medium transition-colors select-none " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black disabled:cursor-not-allowed disabled:opacity-50";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-black text-white hover:bg-neutral-800",
  outline: "border border-neutral-300 bg-white text-neutral-900 hover:border-black",
  ghost: "text-neutral-700 hover:bg-neutral-100 hover:text-black",
};

export function buttonClass(variant: ButtonVariant = "primary", size: "sm" | "md" = "md"): string {
  return `${base} ${variants[variant]} ${size === "sm" ? "h-8 px-3 text-xs" : "h-10 px-5 text-sm"}`;
}

export function chipClass(active: boolean): string {
  return (
    "inline-flex h-8 shrink-0 items-center rounded-full border px-3 text-sm transition-colors " +
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black " +
    (active
      ? "border-black bg-black text-white"
      : "border-neutral-300 bg-white text-neutral-700 hover:border-black hover:text-black")
  );
}
