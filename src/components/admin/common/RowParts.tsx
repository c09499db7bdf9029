import { btn } from "./styles";

// The per-row pieces every admin list shows, as a table row on wide screens and as a card on
// narrow ones: the enabled badge and the 编辑 / 删除 pair.

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span
      className={`shrink-0 rounded-full border px-2 py-0.5 text-xs whitespace-nowrap ${enabled ? "border-black" : "border-neutral-300 text-neutral-500"}`}
    >
      {enabled ? "启用" : "停用"}
    </span>
  );
}

export function EditDeleteActions(props: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  className?: string;
}) {
  return (
    <div className={props.className ?? "flex justify-end gap-3"}>
      <button
        type="button"
        className={btn.link}
        onClick={props.onEdit}
        aria-label={`编辑 ${props.name}`}
      >
        编辑
      </button>
      <button
        type="button"
        className={btn.link}
        onClick={props.onDelete}
        aria-label={`删除 ${props.name}`}
      >
        删除
      </button>
    </div>
  );
}
