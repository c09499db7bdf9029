import "server-only";
import { newestFirst } from "@/lib/db/keyset";
import { db, nowIso } from "@/lib/db";
import type { ChatConversationRow, ChatMessageRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { type ConversationMessage, type ConversationView, UNTITLED } from "./schemas";

// A user's stored conversations. Every lookup is by (id, owner): someone else's conversation is
// a 404, the same as one that does not exist.

/** How many messages a conversation answers with at most (the newest; a chat sends fewer). */
const MESSAGES_MAX = 1000;

export function toConversationView(row: ChatConversationRow): ConversationView {
  return {
    id: row.id,
    title: row.title,
    model: row.modelSlug,
    messageCount: Number(row.messageCount),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toMessage(row: ChatMessageRow): ConversationMessage {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    state: (row.state as ConversationMessage["state"]) ?? null,
    finishReason: row.finishReason,
    model: row.modelSlug,
    credits: row.credits === null ? null : Number(row.credits),
    createdAt: row.createdAt,
  };
}

export async function getConversationOrThrow(input: {
  id: string;
  ownerId: string;
}): Promise<ChatConversationRow> {
  const row = await db
    .selectFrom("chat_conversations")
    .selectAll()
    .where("id", "=", input.id)
    .where("userId", "=", input.ownerId)
    .executeTakeFirst();
  if (!row) throw new ApiError("not_found", "对话不存在", { param: "conversationId" });
  return row;
}

export async function createConversation(
  userId: string,
  title?: string,
): Promise<ConversationView> {
  const now = nowIso();
  const row: ChatConversationRow = {
    id: newId("conv_"),
    userId,
    title: title ?? UNTITLED,
    modelSlug: null,
    messageCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await db.insertInto("chat_conversations").values(row).execute();
  return toConversationView(row);
}

/** Most recently active first, keyset-paged on (updatedAt, id). */
export async function listConversations(
  userId: string,
  page: { cursor?: string; limit: number },
): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
  const q = db.selectFrom("chat_conversations").selectAll().where("userId", "=", userId);
  const { rows, nextCursor } = await newestFirst(q, page, {
    kind: "conv",
    time: "updatedAt",
    id: "id",
    keyOf: (r) => ({ time: r.updatedAt, id: r.id }),
  });
  return { items: rows.map(toConversationView), nextCursor };
}

export async function conversationWithMessages(id: string, ownerId: string) {
  const row = await getConversationOrThrow({ id, ownerId });
  const newest = await db
    .selectFrom("chat_messages")
    .selectAll()
    .where("conversationId", "=", id)
    .orderBy("seq", "desc")
    .limit(MESSAGES_MAX)
    .execute();
  return { item: toConversationView(row), messages: newest.reverse().map(toMessage) };
}

export async function renameConversation(
  id: string,
  ownerId: string,
  title: string,
): Promise<ConversationView> {
  await getConversationOrThrow({ id, ownerId });
  await db
    .updateTable("chat_conversations")
    .set({ title })
    .where("id", "=", id)
    .where("userId", "=", ownerId)
    .execute();
  return toConversationView(await getConversationOrThrow({ id, ownerId }));
}

/** Removes the conversation and its messages (the ledger keeps what the replies cost). */
export async function deleteConversation(id: string, ownerId: string): Promise<void> {
  await getConversationOrThrow({ id, ownerId });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("chat_messages").where("conversationId", "=", id).execute();
    await trx
      .deleteFrom("chat_conversations")
      .where("id", "=", id)
      .where("userId", "=", ownerId)
      .execute();
  });
}
