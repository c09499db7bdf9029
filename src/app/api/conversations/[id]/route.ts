import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import {
  conversationWithMessages,
  deleteConversation,
  renameConversation,
} from "@/lib/conversations/repo";
import { conversationIdSchema, conversationRenameSchema } from "@/lib/conversations/schemas";

export const runtime = "nodejs";

// One stored chat with its messages (continue), rename, delete. Anyone else's is a 404.
export const GET = withUser<{ id: string }>(async ({ user, params }) =>
  json(await conversationWithMessages(conversationIdSchema.parse(params.id), user.id)),
);

export const PATCH = withUser<{ id: string }>(async ({ req, user, params }) => {
  const body = conversationRenameSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({
    item: await renameConversation(conversationIdSchema.parse(params.id), user.id, body.title),
  });
});

export const DELETE = withUser<{ id: string }>(async ({ user, params }) => {
  await deleteConversation(conversationIdSchema.parse(params.id), user.id);
  return json({ deleted: true });
});
