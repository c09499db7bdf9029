"use client";
import { useEffect, useRef } from "react";
import type { GenerationAction } from "@/components/generations/GenerationCard";
import { GenerationList } from "@/components/generations/GenerationList";
import { getTask } from "@/lib/client/tasks";
import { useCreateLinks, WayOutLink } from "./links";

/** My generations beside the creator: every image and video, live, with their actions. */
export function StudioGenerations({ onAction }: { onAction: (a: GenerationAction) => void }) {
  const links = useCreateLinks();
  return (
    <section aria-labelledby="studio-generations" className="flex flex-col gap-3 pt-2">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="studio-generations" className="text-base font-semibold">
          我的生成
        </h2>
        {links.generations ? (
          <span className="text-sm">
            <WayOutLink href={links.generations}>全部</WayOutLink>
          </span>
        ) : null}
      </div>
      <GenerationList pageSize={6} onAction={onAction} />
    </section>
  );
}

/**
 * /create?task=…&as=reuse|edit|video&output=n (the actions of /me/generations): loads that
 * generation once and applies the action.
 */
export function useTaskFromUrl(onAction: (a: GenerationAction) => void) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const q = new URLSearchParams(window.location.search);
    const id = q.get("task");
    const as = q.get("as");
    if (!id || (as !== "reuse" && as !== "edit" && as !== "video")) return;
    getTask(id).then(
      (task) => {
        const output = task.outputs[Number(q.get("output") ?? 0)];
        onAction({ kind: as, task, output: as === "reuse" ? undefined : output });
      },
      () => undefined, // gone or not ours: the creator opens blank
    );
  }, [onAction]);
}
