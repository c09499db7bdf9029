import "server-only";
import { db, nowIso } from "@/lib/db";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { titleFromMessage, UNTITLED } from "./schemas";

// A chat call that names a conversation writes its turn — the user's message and the reply, as
// far as it got — when the call is billed, whatever way it ended (done, stopped by the user,
// broken off by the provider after some text). A call refused or refunded before any text
// writes nothing: the creator gives the prompt back to try again.

export type TurnInput = {
  conversationId: string;
  userId: string;
  prompt: string;
  reply: string;
  state: "done" | "stopped" | "failed";
  finishReason: string | null;
  modelSlug: string;
  requestId: string;
  credits: number;
};

type Part = { type?: unknown; text?: unknown };

/** The text of the last user message of a chat request (what this turn asked). */
export function lastUserText(messages: { role?: unknown; content?: unknown }[]): string | null {
  const last = messages[messages.length - 1];
  if (!last || last.role !== "user") return null;
  if (typeof last.content === "string") return last.content;
  if (Array.isArray(last.content))
    return (last.content as Part[])
      .map((p) => (p?.type === "text" && typeof p.text === "string" ? p.text : ""))
      .join("");
  return null;
}

/**
 * Appends both messages in one transaction. Positions come from the conversation's message
 * count, claimed with a compare-and-swap, so two replies finishing at once both land, in order.
 */
async function appendTurn(t: TurnInput): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const done = await db.transaction().execute(async (trx) => {
      const conv = await trx
        .selectFrom("chat_conversations")
        .select(["messageCount", "title"])
        .where("id", "=", t.conversationId)
        .where("userId", "=", t.userId)
        .executeTakeFirst();
      if (!conv) return true; // deleted while the reply streamed: nothing to keep it in
      const seq = Number(conv.messageCount);
      const now = nowIso();
      const claimed = await trx
        .updateTable("chat_conversations")
        .set({
          messageCount: seq + 2,
          modelSlug: t.modelSlug,
          updatedAt: now,
          ...(seq === 0 && conv.title === UNTITLED ? { title: titleFromMessage(t.prompt) } : {}),
        })
        .where("id", "=", t.conversationId)
        .where("messageCount", "=", seq)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto("chat_messages")
        .values([
          {
            id: newId("msg_"),
            conversationId: t.conversationId,
            seq,
            role: "user",
            content: t.prompt,
            state: null,
            finishReason: null,
            modelSlug: null,
            requestId: t.requestId,
            credits: null,
            createdAt: now,
          },
          {
            id: newId("msg_"),
            conversationId: t.conversationId,
            seq: seq + 1,
            role: "assistant",
            content: t.reply,
            state: t.state,
            finishReason: t.finishReason,
            modelSlug: t.modelSlug,
            requestId: t.requestId,
            credits: t.credits,
            createdAt: now,
          },
        ])
        .execute();
      return true;
    });
    if (done) return;
  }
  throw new Error("conversation busy");
}

/** Records a turn; a failure to store it is logged, never turned into a failed (paid) call. */
export async function recordTurn(t: TurnInput): Promise<void> {
  try {
    await appendTurn(t);
  } catch (err) {
    logger.error(
      {
        requestId: t.requestId,
        conversationId: t.conversationId,
        err: { message: (err as Error).message },
      },
      "conversation turn not stored",
    );
  }
}
