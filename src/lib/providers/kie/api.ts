import "server-only";
import { joinUrl } from "../openai-compatible";

// Kie-style job APIs: baseURL is ".../api/v1"; jobs are made with POST jobs/createTask and read
// with GET jobs/recordInfo?taskId=. Answers are HTTP 200 with their own `code` (200 = ok).

export const createTaskUrl = (baseURL: string) => joinUrl(baseURL, "jobs/createTask");
export const recordInfoUrl = (baseURL: string, taskId: string) =>
  `${joinUrl(baseURL, "jobs/recordInfo")}?taskId=${encodeURIComponent(taskId)}`;

/** Body codes Kie documents as temporary: rate limited, busy, server errors. */
export const RETRYABLE_CODES = new Set([429, 455, 500, 503, 505]);
