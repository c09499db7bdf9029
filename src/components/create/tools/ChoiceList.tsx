"use client";
import type { ToolOperation } from "@/lib/operations/registry";
import type { PublicWorkflow } from "@/lib/client/tools";

// What to do with the picture: one tool, or a one-click workflow. Native radio buttons (arrow
// keys move between them), drawn as cards.

export type Choice = { kind: "tool"; op: ToolOperation } | { kind: "workflow"; id: string };

export const TOOLS: { op: ToolOperation; name: string; hint: string }[] = [
  { op: "image.upscale", name: "放大", hint: "2 倍、4 倍或指定尺寸" },
  { op: "image.outpaint", name: "扩图", hint: "向四周延展画面" },
  { op: "image.background", name: "背景", hint: "移除或替换背景" },
];

export const choiceKey = (c: Choice) => (c.kind === "tool" ? c.op : `wf:${c.id}`);

function Card(props: {
  name: string;
  value: string;
  checked: boolean;
  title: string;
  hint: string;
  onChange: () => void;
}) {
  return (
    <label
      className={`flex min-h-16 cursor-pointer flex-col justify-center rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-black ${props.checked ? "border-neutral-900 bg-neutral-900 text-white" : "border-neutral-300 bg-white hover:border-neutral-900"}`}
    >
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onChange}
        className="sr-only"
      />
      <span className="font-medium">{props.title}</span>
      <span className={`text-xs ${props.checked ? "text-neutral-200" : "text-neutral-500"}`}>
        {props.hint}
      </span>
    </label>
  );
}

export function ChoiceList({
  name,
  value,
  onChange,
  workflows,
  workflowsState,
}: {
  name: string;
  value: Choice;
  onChange: (c: Choice) => void;
  workflows: PublicWorkflow[];
  workflowsState: "loading" | "error" | "ready";
}) {
  const current = choiceKey(value);
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium">选择工具或一键工作流</legend>
      <div role="group" aria-label="单项工具" className="grid grid-cols-3 gap-2">
        {TOOLS.map((t) => (
          <Card
            key={t.op}
            name={name}
            value={t.op}
            checked={current === t.op}
            title={t.name}
            hint={t.hint}
            onChange={() => onChange({ kind: "tool", op: t.op })}
          />
        ))}
      </div>
      <div role="group" aria-label="一键工作流" className="grid gap-2 sm:grid-cols-3">
        {workflows.map((w) => (
          <Card
            key={w.id}
            name={name}
            value={`wf:${w.id}`}
            checked={current === `wf:${w.id}`}
            title={w.name}
            hint={w.steps.map((s) => s.label ?? s.tool).join(" → ")}
            onChange={() => onChange({ kind: "workflow", id: w.id })}
          />
        ))}
        {workflowsState === "loading" ? (
          <p className="text-xs text-neutral-500">正在加载工作流…</p>
        ) : null}
        {workflowsState === "error" ? (
          <p className="text-xs text-neutral-700">工作流列表加载失败，单项工具仍可使用。</p>
        ) : null}
        {workflowsState === "ready" && !workflows.length ? (
          <p className="text-xs text-neutral-500">暂无可用的工作流。</p>
        ) : null}
      </div>
    </fieldset>
  );
}
