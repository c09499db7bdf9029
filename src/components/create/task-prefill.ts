import type { GenerationAction } from "@/components/generations/GenerationCard";
import type { TaskView } from "@/lib/client/tasks";

// What an action on a generation opens in the creator: 复用参数 (the same call again), 编辑这张
// (the picture as the edit's source) and 生成视频 (the picture as a video's reference image).

export type StudioTab = "chat" | "generate" | "edit" | "video" | "tools";

export type StudioPrefill = {
  tab: StudioTab;
  prompt: string;
  model: string | null;
  /** 复用 / 做同款: the work's size and quality, used when the model offers them. */
  size?: string;
  quality?: string;
  /** Video: its length in seconds. */
  seconds?: number;
  /** The source (edit) or reference (video) picture to load. */
  imageUrl?: string;
} | null;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function prefillFromTask(action: GenerationAction): StudioPrefill {
  const { task, output } = action;
  if (action.kind === "edit" && output)
    return { tab: "edit", prompt: "", model: null, imageUrl: output.url };
  if (action.kind === "video" && output)
    return { tab: "video", prompt: task.input.prompt, model: null, imageUrl: output.url };
  return reuse(task);
}

function reuse(task: TaskView): StudioPrefill {
  const p = task.input.params;
  const base = { prompt: task.input.prompt, model: task.model };
  switch (task.kind) {
    case "image.generate":
      return { tab: "generate", ...base, size: str(p.size), quality: str(p.quality) };
    case "image.edit":
      return { tab: "edit", ...base, size: str(p.size), imageUrl: task.input.media[0] };
    case "video.generate":
      return {
        tab: "video",
        ...base,
        size: str(p.size),
        seconds: Number(p.seconds) || undefined,
        imageUrl: task.input.media[0],
      };
    default:
      // Image tools and workflows are set up again in their own tab.
      return { tab: "tools", ...base };
  }
}
