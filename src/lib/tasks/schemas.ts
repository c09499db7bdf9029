import { z } from "zod";
import { TASK_STATUSES } from "./model";

// Query strings of GET /api/tasks and GET /api/admin/tasks.

export const taskListSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  status: z.enum(TASK_STATUSES).optional(),
  kind: z.string().trim().min(1).max(50).optional(),
  /** A project's id, or "none" for items in no project (a workflow's steps are left out). */
  project: z.string().trim().min(1).max(100).optional(),
});

export const adminTaskListSchema = taskListSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  user: z.string().trim().min(1).max(200).optional(),
  model: z.string().trim().min(1).max(200).optional(),
});
