import type { WorkflowCreate } from "./schema";

// The workflows every install starts with (seeded when missing; admins edit, disable or add to
// them). Steps name no model, so each runs on the first enabled model that can do it — the
// built-in mock on a fresh install.

export const PRESET_WORKFLOWS: WorkflowCreate[] = [
  {
    slug: "ecommerce-main",
    name: "电商主图",
    description: "去掉原背景，换上干净的浅灰棚拍底色，再放大 2 倍，适合商品主图。",
    steps: [
      { tool: "image.background", params: { mode: "remove" }, label: "移除背景" },
      {
        tool: "image.background",
        params: { mode: "replace", color: "#f2f2f2" },
        label: "换成棚拍底色",
      },
      { tool: "image.upscale", params: { scale: 2 }, label: "放大 2×" },
    ],
    sort: 10,
  },
  {
    slug: "poster-outpaint",
    name: "扩图海报",
    description: "把画面向两侧或上下扩展成 3:4 竖版，再放大 2 倍，适合海报和封面。",
    steps: [
      {
        tool: "image.outpaint",
        params: { aspectRatio: "3:4", creativity: 0.5 },
        label: "扩展到 3:4",
      },
      { tool: "image.upscale", params: { scale: 2 }, label: "放大 2×" },
    ],
    sort: 20,
  },
  {
    slug: "avatar-hd",
    name: "头像高清",
    description: "把头像放大 4 倍，适合小图、老照片。",
    steps: [{ tool: "image.upscale", params: { scale: 4 }, label: "放大 4×" }],
    sort: 30,
  },
];
