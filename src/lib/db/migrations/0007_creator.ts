import type { Kysely } from "kysely";

// The creator keeps what people make (issue 17): chat conversations stored per user, so a
// conversation survives reload, sign-out and other devices and can be continued. A conversation
// is a titled list of messages; each finished reply is written with the user message that asked
// for it, in one transaction, by the chat call itself (so a closed tab loses nothing).
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("chat_conversations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    // The model of the latest reply, so continuing picks it again.
    .addColumn("modelSlug", "text")
    .addColumn("messageCount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  // A user's list, most recently active first (keyset on updatedAt, id).
  await db.schema
    .createIndex("chat_conversations_user_time")
    .on("chat_conversations")
    .columns(["userId", "updatedAt", "id"])
    .execute();

  await db.schema
    .createTable("chat_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("conversationId", "text", (c) =>
      c.notNull().references("chat_conversations.id").onDelete("cascade"),
    )
    // Position in the conversation: messages are read back in this order.
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    // Replies only: done | stopped | failed, the provider's finish reason, and what they cost.
    .addColumn("state", "text")
    .addColumn("finishReason", "text")
    .addColumn("modelSlug", "text")
    .addColumn("requestId", "text")
    .addColumn("credits", "integer")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addUniqueConstraint("chat_messages_seq", ["conversationId", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("chat_messages").ifExists().execute();
  await db.schema.dropTable("chat_conversations").ifExists().execute();
}
