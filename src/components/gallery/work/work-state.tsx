"use client";
import Link from "next/link";
import { createContext, useContext, useState } from "react";
import { feedSearch } from "@/lib/gallery/feed-params";

// What the author can change on a work page (title, tags, published), held in the browser so an
// edit shows at once, in the overlay as on the full page, without re-rendering the route
// (refreshing an intercepted route is not reliable in the App Router).

export type EditableWork = { title: string; tags: string[]; published: boolean };

type Ctx = { work: EditableWork; update: (next: Partial<EditableWork>) => void };
const WorkContext = createContext<Ctx | null>(null);

export function WorkStateProvider({
  initial,
  children,
}: {
  initial: EditableWork;
  children: React.ReactNode;
}) {
  const [work, setWork] = useState(initial);
  return (
    <WorkContext.Provider value={{ work, update: (next) => setWork((w) => ({ ...w, ...next })) }}>
      {children}
    </WorkContext.Provider>
  );
}

export function useWorkState(): Ctx {
  const ctx = useContext(WorkContext);
  if (!ctx) throw new Error("useWorkState outside WorkStateProvider");
  return ctx;
}

export function WorkTitle({ level, className }: { level: "h1" | "h2"; className?: string }) {
  const { work } = useWorkState();
  const Tag = level;
  return <Tag className={className}>{work.title}</Tag>;
}

const chip =
  "inline-flex h-8 items-center rounded-full border border-neutral-300 px-3 text-sm text-neutral-800 hover:border-black hover:text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black";

/** Tags as links to explore filtered by each. */
export function WorkTags() {
  const { work } = useWorkState();
  if (!work.tags.length) return null;
  return (
    <section aria-label="标签" className="flex flex-wrap gap-2">
      {work.tags.map((t) => (
        <Link key={t} href={`/explore${feedSearch({ tag: t })}`} className={chip}>
          #{t}
        </Link>
      ))}
    </section>
  );
}
