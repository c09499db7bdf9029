"use client";
import type { ProjectView, TaskView } from "@/lib/client/tools";
import { operationLabel } from "@/lib/operations/registry";

// One generation in a project: its picture (or a video's poster), what it was, and where to
// move it.

export function ItemCard({
  item,
  projects,
  current,
  onMove,
}: {
  item: TaskView;
  projects: ProjectView[];
  current: string | null;
  onMove: (projectId: string | null) => void;
}) {
  const out = item.outputs[0];
  const picture = out ? (out.type === "image" ? out.url : (out.thumbnailUrl ?? null)) : null;
  const kind = item.kind === "workflow" ? "工作流" : operationLabel(item.kind);
  const title = item.input.prompt || kind;
  const selectId = `move-${item.id}`;
  return (
    <li
      className="flex flex-col overflow-hidden rounded-lg border border-neutral-200"
      data-testid="project-item"
    >
      {picture ? (
        <a href={out!.url} target="_blank" rel="noreferrer" className="block">
          <img
            src={picture}
            alt={title}
            loading="lazy"
            className="aspect-square w-full bg-neutral-100 object-cover"
          />
        </a>
      ) : (
        <div className="flex aspect-square items-center justify-center bg-neutral-50 text-xs text-neutral-500">
          {item.status === "completed" ? "没有可预览的结果" : "未完成"}
        </div>
      )}
      <div className="flex flex-col gap-1.5 p-2 text-xs">
        <p className="truncate font-medium" title={title}>
          {title}
        </p>
        <p className="text-neutral-500">
          {kind} · {new Date(item.createdAt).toLocaleDateString("zh-CN")}
        </p>
        <label htmlFor={selectId} className="sr-only">
          把「{title}」移动到
        </label>
        <select
          id={selectId}
          value={current ?? ""}
          onChange={(e) => onMove(e.target.value || null)}
          className="min-h-9 rounded border border-neutral-300 px-1 text-xs"
        >
          <option value="">未归类</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}
