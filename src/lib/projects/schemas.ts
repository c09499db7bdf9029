import { z } from "zod";

// Projects (004's Project): a user's named groups of generations and tool results.

export const projectNameSchema = z
  .string({ error: "请填写项目名称" })
  .trim()
  .min(1, "请填写项目名称")
  .max(40, "项目名称最多 40 个字符");

export const projectInputSchema = z.strictObject({ name: projectNameSchema });

export const moveItemsSchema = z.strictObject({
  taskIds: z.array(z.string().min(1).max(100)).min(1, "请至少选择一项").max(100, "一次最多 100 项"),
  /** The project to move them into; null takes them out of any project. */
  projectId: z.string().min(1).max(100).nullable(),
});

export type ProjectView = {
  id: string;
  name: string;
  itemCount: number;
  /** The newest item's picture (or poster), when there is one. */
  coverUrl: string | null;
  createdAt: string;
  updatedAt: string;
};
