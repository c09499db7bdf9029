import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { createConversation, listConversations } from "@/lib/conversations/repo";
import { conversationCreateSchema, conversationListSchema } from "@/lib/conversations/schemas";

export const runtime = "nodejs";

// The caller's stored chats (the creator's 对话), most recently active first.
export const GET = withUser(async ({ req, user }) => {
  const q = conversationListSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listConversations(user.id, q));
});

export const POST = withUser(async ({ req, user }) => {
  const body = conversationCreateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await createConversation(user.id, body.title) }, { status: 201 });
});
