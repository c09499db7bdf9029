"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { workUrl } from "@/lib/gallery/work-url";
import { ClientApiError } from "@/lib/client/http";
import {
  createProject,
  listProjects,
  moveItems,
  publishTask,
  type ProjectView,
} from "@/lib/client/tools";

// What to do with a result: download it, publish it to the gallery, file it in a project (an
// existing one, or a new one named on the spot).

const NEW = "__new__";

export function ResultActions({
  taskId,
  url,
  assetId,
  onPublished,
}: {
  taskId: string;
  url: string;
  assetId: string | null;
  onPublished: (assetId: string) => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [projects, setProjects] = useState<ProjectView[] | null>(null);
  const [project, setProject] = useState("");

  useEffect(() => {
    listProjects().then(
      (r) => setProjects(r.items),
      () => setProjects([]),
    );
  }, []);

  async function publish() {
    setBusy(true);
    setMessage(null);
    try {
      const view = await publishTask(taskId);
      const published = view.outputs.find((o) => o.assetId)?.assetId;
      if (published) onPublished(published);
    } catch (err) {
      setMessage(err instanceof ClientApiError ? err.message : "发布失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  async function file(choice: string) {
    setMessage(null);
    let next = choice;
    let name = projects?.find((p) => p.id === next)?.name;
    try {
      if (choice === NEW) {
        const typed = window.prompt("新项目名称")?.trim();
        if (!typed) return;
        const { item } = await createProject(typed.slice(0, 40));
        setProjects((list) => [item, ...(list ?? [])]);
        next = item.id;
        name = item.name;
      }
      setProject(next);
      await moveItems([taskId], next || null);
      setMessage(next ? `已保存到项目「${name}」` : "已移出项目");
    } catch (err) {
      setMessage(err instanceof ClientApiError ? err.message : "保存失败，请重试");
    }
  }

  const ext = url.split(".").pop()?.split("?")[0] ?? "png";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <a
          href={url}
          download={`aigc-tool.${ext}`}
          className="inline-flex min-h-10 items-center rounded-lg border border-neutral-900 px-4 text-sm font-medium hover:bg-neutral-900 hover:text-white"
        >
          下载
        </a>
        {assetId ? (
          <span className="text-sm">
            已发布到广场。
            <Link href={workUrl(assetId)} className="underline underline-offset-2">
              查看作品
            </Link>
          </span>
        ) : (
          <button
            type="button"
            onClick={publish}
            disabled={busy}
            className="min-h-10 rounded-lg bg-neutral-900 px-4 text-sm font-medium text-white disabled:bg-neutral-300"
          >
            {busy ? "发布中…" : "发布到广场"}
          </button>
        )}
        <label htmlFor={`${id}-project`} className="sr-only">
          保存到项目
        </label>
        <select
          id={`${id}-project`}
          value={project}
          onChange={(e) => void file(e.target.value)}
          disabled={!projects}
          className="min-h-10 rounded-lg border border-neutral-300 px-2 text-sm"
        >
          <option value="">{project ? "移出项目" : "保存到项目…"}</option>
          {projects?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value={NEW}>＋ 新建项目…</option>
        </select>
        <Link href="/me/projects" className="text-xs underline underline-offset-2">
          管理项目
        </Link>
      </div>
      {message ? (
        <p role="status" className="text-sm">
          {message}
        </p>
      ) : null}
    </div>
  );
}
