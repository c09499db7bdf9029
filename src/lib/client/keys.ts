import type { ApiKeyView, CreateKeyInput, UpdateKeyInput } from "@/lib/keys/schemas";
import { requestJson } from "./http";

// Personal API keys from the browser or the /mobile shell (through the shared transport: the
// session cookie on the site, the login bearer token in the shell).

export type { ApiKeyView };

const send = <T>(path: string, method: string, body?: unknown) =>
  requestJson<T>(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    cache: "no-store",
  });

export const fetchKeys = () =>
  requestJson<{ items: ApiKeyView[] }>("/api/keys", { cache: "no-store" }).then((r) => r.items);

export const createKey = (input: Partial<CreateKeyInput> & { name: string }) =>
  send<{ item: ApiKeyView; key: string }>("/api/keys", "POST", input);

export const updateKey = (id: string, patch: UpdateKeyInput) =>
  send<{ item: ApiKeyView }>(`/api/keys/${encodeURIComponent(id)}`, "PATCH", patch).then(
    (r) => r.item,
  );

export const revokeKey = (id: string) =>
  send<{ item: ApiKeyView }>(`/api/keys/${encodeURIComponent(id)}`, "DELETE").then((r) => r.item);
