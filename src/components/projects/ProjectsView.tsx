"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { ClientApiError } from "@/lib/client/http";
import {
  createProject,
  deleteProject,
  listMyTasks,
  listProjects,
  moveItems,
  type ProjectView,
  renameProject,
  type TaskView,
} from "@/lib/client/tools";
import { ItemCard } from "./ItemCard";

// Projects: pick one (or 未归类, the items in none) on the left, see its items on the right and
// move any of them elsewhere; create, rename and delete projects (deleting keeps the items).

const INBOX = "none";
const btn = "min-h-9 rounded-lg border border-neutral-300 px-3 text-sm hover:border-neutral-900";

export function ProjectsView() {
  const id = useId();
  const [projects, setProjects] = useState<ProjectView[] | null>(null);
  const [selected, setSelected] = useState<string>(INBOX);
  const [items, setItems] = useState<TaskView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [itemsState, setItemsState] = useState<"loading" | "ready" | "error">("loading");
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  const report = (err: unknown) =>
    setMessage(err instanceof ClientApiError ? err.message : "操作失败，请重试");

  const loadProjects = useCallback(() => {
    listProjects().then((r) => setProjects(r.items), report);
  }, []);
  const fetchItems = useCallback((project: string, cursor: string | null) => {
    listMyTasks({ project, cursor }).then(
      (page) => {
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNext(page.nextCursor);
        setItemsState("ready");
      },
      () => setItemsState("error"),
    );
  }, []);
  const loadItems = (project: string, cursor: string | null) => {
    setItemsState("loading");
    fetchItems(project, cursor);
  };
  const select = (project: string) => {
    if (project === selected) return;
    setSelected(project);
    setItemsState("loading");
  };
  useEffect(loadProjects, [loadProjects]);
  useEffect(() => fetchItems(selected, null), [selected, fetchItems]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      const { item } = await createProject(name.trim());
      setName("");
      setProjects((p) => [item, ...(p ?? [])]);
      select(item.id);
      setMessage(`已创建项目「${item.name}」`);
    } catch (err) {
      report(err);
    }
  }

  async function move(taskId: string, projectId: string | null) {
    try {
      await moveItems([taskId], projectId);
      setItems((list) => list.filter((t) => t.id !== taskId));
      const to = projects?.find((p) => p.id === projectId)?.name ?? "未归类";
      setMessage(`已移动到「${to}」`);
      loadProjects();
    } catch (err) {
      report(err);
    }
  }

  async function rename(project: ProjectView) {
    const next = window.prompt("新的项目名称", project.name)?.trim();
    if (!next || next === project.name) return;
    try {
      await renameProject(project.id, next);
      loadProjects();
    } catch (err) {
      report(err);
    }
  }

  async function remove(project: ProjectView) {
    if (!window.confirm(`删除项目「${project.name}」？其中的作品会回到「未归类」，不会被删除。`))
      return;
    try {
      await deleteProject(project.id);
      select(INBOX);
      loadProjects();
    } catch (err) {
      report(err);
    }
  }

  const current = projects?.find((p) => p.id === selected) ?? null;
  return (
    <div className="grid gap-6 md:grid-cols-[240px_1fr]">
      <aside className="flex flex-col gap-3">
        <form onSubmit={create} className="flex gap-2">
          <label htmlFor={`${id}-name`} className="sr-only">
            新项目名称
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={40}
            placeholder="新项目名称"
            className="min-h-9 min-w-0 flex-1 rounded-lg border border-neutral-300 px-3 text-base sm:text-sm"
          />
          <button type="submit" className={btn} disabled={!name.trim()}>
            新建
          </button>
        </form>
        <nav aria-label="项目列表">
          <ul className="flex flex-col gap-1">
            {[
              { id: INBOX, name: "未归类", itemCount: null as number | null },
              ...(projects ?? []),
            ].map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  aria-current={selected === p.id ? "true" : undefined}
                  onClick={() => select(p.id)}
                  className={`flex min-h-10 w-full items-center justify-between rounded-lg px-3 text-left text-sm ${selected === p.id ? "bg-neutral-900 text-white" : "hover:bg-neutral-100"}`}
                >
                  <span className="truncate">{p.name}</span>
                  {p.itemCount !== null ? (
                    <span className="text-xs opacity-70">{p.itemCount}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          {projects && !projects.length ? (
            <p className="mt-2 text-xs text-neutral-500">还没有项目，在上面新建一个。</p>
          ) : null}
        </nav>
      </aside>
      <section
        aria-label={current ? `项目：${current.name}` : "未归类的作品"}
        className="flex flex-col gap-3"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-medium">{current ? current.name : "未归类"}</h2>
          {current ? (
            <div className="flex gap-2">
              <button type="button" className={btn} onClick={() => void rename(current)}>
                重命名
              </button>
              <button type="button" className={btn} onClick={() => void remove(current)}>
                删除项目
              </button>
            </div>
          ) : null}
        </div>
        {message ? (
          <p role="status" className="text-sm">
            {message}
          </p>
        ) : null}
        {itemsState === "error" ? (
          <p role="alert" className="text-sm">
            加载失败。
            <button
              type="button"
              className="underline underline-offset-2"
              onClick={() => loadItems(selected, null)}
            >
              重试
            </button>
          </p>
        ) : null}
        {itemsState === "ready" && !items.length ? (
          <p className="rounded-lg border border-dashed border-neutral-300 px-4 py-10 text-center text-sm text-neutral-500">
            {current
              ? "这个项目还是空的。在「未归类」或其他项目里，用每一项下方的选择框把作品移到这里。"
              : projects?.length
                ? "所有作品都已归入项目。"
                : "还没有作品。在「创作」里生成图片，或用「图片工具」处理一张，结果会出现在这里。"}
          </p>
        ) : null}
        <ul
          className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4"
          aria-busy={itemsState === "loading"}
        >
          {items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              projects={projects ?? []}
              current={item.projectId}
              onMove={(p) => void move(item.id, p)}
            />
          ))}
        </ul>
        {next && itemsState === "ready" ? (
          <button
            type="button"
            className={`${btn} self-center`}
            onClick={() => loadItems(selected, next)}
          >
            加载更多
          </button>
        ) : null}
      </section>
    </div>
  );
}
