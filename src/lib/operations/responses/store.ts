import "server-only";
import { db, nowIso } from "@/lib/db";
import { env } from "@/lib/env";
import { type ResponseObject, responseIdOfItem } from "./output";
import type { ChatMessage } from "./translate";

// Stored responses, per user: what previous_response_id continues, what item_reference points
// into and what GET /v1/responses/{id} answers. Each row keeps the whole conversation so far as
// chat messages, so continuing a chain reads one row. Rows expire after
// RESPONSES_RETENTION_DAYS and each user keeps the newest RESPONSES_MAX_PER_USER; an expired row
// is gone for every reader even before the sweep removes it.

export type StoredResponse = { id: string; history: ChatMessage[]; body: ResponseObject };

export const storingEnabled = () =>
  env.RESPONSES_RETENTION_DAYS > 0 && env.RESPONSES_MAX_PER_USER > 0;

export async function saveResponse(input: {
  userId: string;
  history: ChatMessage[];
  body: ResponseObject;
}): Promise<void> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + env.RESPONSES_RETENTION_DAYS * 86_400_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("ai_responses")
      .values({
        id: input.body.id,
        userId: input.userId,
        modelSlug: String(input.body.model),
        previousResponseId: input.body.previous_response_id ?? null,
        history: JSON.stringify(input.history),
        body: JSON.stringify(input.body),
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      })
      .execute();
    // Expired rows of anyone (an index range), then this user's oldest beyond the cap.
    await trx.deleteFrom("ai_responses").where("expiresAt", "<=", now.toISOString()).execute();
    const over = await trx
      .selectFrom("ai_responses")
      .select("id")
      .where("userId", "=", input.userId)
      .orderBy("createdAt", "desc")
      .orderBy("id", "desc")
      .limit(1000)
      .offset(env.RESPONSES_MAX_PER_USER)
      .execute();
    if (over.length)
      await trx
        .deleteFrom("ai_responses")
        .where(
          "id",
          "in",
          over.map((r) => r.id),
        )
        .execute();
  });
}

export async function loadResponse(userId: string, id: string): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom("ai_responses")
    .select(["id", "history", "body"])
    .where("id", "=", id)
    .where("userId", "=", userId)
    .where("expiresAt", ">", nowIso())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    history: JSON.parse(row.history) as ChatMessage[],
    body: JSON.parse(row.body) as ResponseObject,
  };
}

export async function deleteResponse(userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("ai_responses")
    .where("id", "=", id)
    .where("userId", "=", userId)
    .where("expiresAt", ">", nowIso())
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** An output item of one of the user's stored responses, by its id (`item_reference`). */
export async function findOutputItem(
  userId: string,
  itemId: string,
): Promise<Record<string, unknown> | null> {
  const responseId = responseIdOfItem(itemId);
  if (!responseId) return null;
  const stored = await loadResponse(userId, responseId);
  const item = stored?.body.output.find((o) => "id" in o && o.id === itemId);
  return (item as Record<string, unknown> | undefined) ?? null;
}
