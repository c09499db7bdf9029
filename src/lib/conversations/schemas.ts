import { z } from "zod";

// Request shapes of /api/conversations (the creator's stored chats).

export const CONVERSATION_TITLE_MAX = 80;

const title = z
  .string()
  .trim()
  .min(1, "标题不能为空")
  .max(CONVERSATION_TITLE_MAX, `标题最多 ${CONVERSATION_TITLE_MAX} 个字`);

export const conversationIdSchema = z.string().min(1).max(100);

export const conversationCreateSchema = z.object({ title: title.optional() });
export const conversationRenameSchema = z.object({ title });

export const conversationListSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type ConversationView = {
  id: string;
  title: string;
  model: string | null;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
};

export type ConversationMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  state: "done" | "stopped" | "failed" | null;
  finishReason: string | null;
  model: string | null;
  credits: number | null;
  createdAt: string;
};

/** The placeholder title until the first message names the conversation. */
export const UNTITLED = "新对话";

/** A title from the first thing the user said: its first line, at most 30 characters. */
export function titleFromMessage(text: string): string {
  const line = text.trim().split(/\n/)[0]?.replace(/\s+/g, " ").trim() ?? "";
  if (!line) return UNTITLED;
  const chars = [...line];
  return chars.length > 30 ? `${chars.slice(0, 29).join("")}…` : line;
}
