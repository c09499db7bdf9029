"use client";
import Link from "next/link";
import { createContext, useContext } from "react";

// Where the creator's "way out" links lead. The site has /credits and the gallery at /; the
// /mobile shell (a single static page in the app build) points them at its own tabs instead.
export type CreateLinks = { credits: string; gallery: string; generations?: string | null };

const CreateLinksContext = createContext<CreateLinks>({
  credits: "/credits",
  gallery: "/?sort=new",
  generations: "/me/generations",
});

export const CreateLinksProvider = CreateLinksContext.Provider;
export const useCreateLinks = () => useContext(CreateLinksContext);

/**
 * A way-out link. Hash targets (the shell's tabs) are plain anchors: Next's Link changes the URL
 * with pushState, which fires no `hashchange`, so the shell would not switch tabs.
 */
export function WayOutLink({ href, children }: { href: string; children: React.ReactNode }) {
  const className = "underline underline-offset-2";
  if (href.startsWith("#"))
    return (
      <a href={href} className={className}>
        {children}
      </a>
    );
  return (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
