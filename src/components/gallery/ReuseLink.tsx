import { RemixIcon } from "@/components/ui/icons";
import { signInHref } from "@/lib/safe-redirect";
import s from "./Masonry.module.css";

type Props = { assetId: string; title: string; signedIn?: boolean; variant?: "icon" | "button" };

export const reuseHref = (assetId: string) => `/create?asset=${encodeURIComponent(assetId)}`;

/** 复用 / 做同款: /create with the work's prompt, model and parameters (through sign-in if needed). */
export function ReuseLink({ assetId, title, signedIn, variant = "icon" }: Props) {
  const target = reuseHref(assetId);
  return (
    <a
      // Unknown yet: /create itself sends a signed-out visitor through sign-in and back.
      href={signedIn === false ? signInHref(target) : target}
      data-soft=""
      aria-label={variant === "icon" ? `复用「${title}」的提示词` : `复用「${title}」，做同款`}
      className={
        variant === "icon"
          ? s.reuseLink
          : "inline-flex h-10 items-center gap-1.5 rounded-full bg-black px-4 text-sm font-medium text-white hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
      }
    >
      {/* The card's icon is its class's CSS mask (Masonry.module.css). */}
      {variant === "button" && <RemixIcon />}
      <span aria-hidden="true">{variant === "icon" ? "复用" : "做同款"}</span>
    </a>
  );
}
