"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type Conversation,
  createConversation,
  deleteConversation,
  listConversations,
  loadConversation,
  renameConversation,
  type StoredMessage,
} from "@/lib/client/conversations";

// The chat tab's stored conversations: the list, the open one (remembered per browser, else
// the most recent), and the calls that change them. Messages are written by the server when a
// reply is billed, so reopening reads back exactly what was said and paid for.

const OPEN_KEY = "aigc.chat.open";

function remembered(): string | null {
  try {
    return localStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
}
function remember(id: string | null) {
  try {
    if (id) localStorage.setItem(OPEN_KEY, id);
    else localStorage.removeItem(OPEN_KEY);
  } catch {
    // private mode: the open conversation is simply not remembered
  }
}

export function useConversations(
  onLoaded: (messages: StoredMessage[], c: Conversation | null) => void,
) {
  const [items, setItems] = useState<Conversation[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  // Counts opens: only the latest one may show its messages, so a slow load (the last
  // conversation reopening after a reload, say) never replaces what the user chose meanwhile.
  const opens = useRef(0);

  const refresh = useCallback(
    () =>
      listConversations().then(
        (page) => {
          setItems(page.items);
          setState("ready");
          return page.items;
        },
        () => {
          setState("error");
          return [] as Conversation[];
        },
      ),
    [],
  );

  const open = useCallback(
    async (id: string | null) => {
      const seq = ++opens.current;
      setCurrent(id);
      remember(id);
      if (!id) {
        onLoaded([], null);
        return;
      }
      try {
        const { item, messages } = await loadConversation(id);
        if (seq === opens.current) onLoaded(messages, item);
      } catch {
        if (seq !== opens.current) return;
        // gone (deleted elsewhere): fall back to a new conversation
        setCurrent(null);
        remember(null);
        onLoaded([], null);
      }
    },
    [onLoaded],
  );

  useEffect(() => {
    let live = true;
    void refresh().then((list) => {
      // The user opened one (or started a new one) while the list was loading: theirs stands.
      if (!live || opens.current > 0) return;
      const want = remembered();
      const pick = list.find((c) => c.id === want) ?? (want === null ? list[0] : undefined);
      if (pick) void open(pick.id);
    });
    return () => {
      live = false;
    };
    // Runs once: later opens are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The conversation to write the next turn to, created on the first message. */
  const ensure = useCallback(async (): Promise<string> => {
    if (current) return current;
    const made = await createConversation();
    setCurrent(made.id);
    remember(made.id);
    setItems((all) => [made, ...all]);
    return made.id;
  }, [current]);

  const rename = useCallback(
    async (title: string) => {
      if (!current) return;
      const item = await renameConversation(current, title);
      setItems((all) => all.map((c) => (c.id === item.id ? item : c)));
    },
    [current],
  );

  const remove = useCallback(async () => {
    if (!current) return;
    await deleteConversation(current);
    setItems((all) => all.filter((c) => c.id !== current));
    await open(null);
  }, [current, open]);

  return { items, current, state, open, ensure, rename, remove, refresh };
}
