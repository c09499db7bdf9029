import { postJson, requestJson } from "./http";

// The creator's stored chats (/api/conversations): kept per user on the server, so a
// conversation survives reload, sign-out and other devices.

export type Conversation = {
  id: string;
  title: string;
  model: string | null;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
};

export type StoredMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  state: "done" | "stopped" | "failed" | null;
  finishReason: string | null;
  model: string | null;
  credits: number | null;
  createdAt: string;
};

export const listConversations = () =>
  requestJson<{ items: Conversation[]; nextCursor: string | null }>("/api/conversations?limit=50", {
    cache: "no-store",
  });

export const createConversation = () =>
  postJson<{ item: Conversation }>("/api/conversations", {}).then((b) => b.item);

export const loadConversation = (id: string) =>
  requestJson<{ item: Conversation; messages: StoredMessage[] }>(
    `/api/conversations/${encodeURIComponent(id)}`,
    { cache: "no-store" },
  );

export const renameConversation = (id: string, title: string) =>
  requestJson<{ item: Conversation }>(`/api/conversations/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify({ title }),
    headers: { "content-type": "application/json" },
  }).then((b) => b.item);

export const deleteConversation = (id: string) =>
  requestJson<{ deleted: boolean }>(`/api/conversations/${encodeURIComponent(id)}`, {
    method: "DELETE",
  });
