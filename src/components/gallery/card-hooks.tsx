"use client";
import { createContext, useContext } from "react";

/**
 * How a host other than the web pages handles a card's actions (the /mobile shell: no sign-in
 * page, no /create route, requests through src/lib/http.ts). Every field is optional.
 */
export type CardActionHooks = {
  /** Sets the favorite (toggles without `desired`); resolves to the new state, rejects with a displayable message. */
  toggleFavorite?: (assetId: string, desired?: boolean) => Promise<boolean>;
  /** Replaces the navigation to the sign-in page. */
  onSignIn?: () => void;
  /** false hides 复用 (the host has no creator route to reuse in). */
  reuse?: boolean;
  /** Where a card leads (default: the work page on this site). */
  workHref?: (assetId: string) => string;
};

export const CardHooksContext = createContext<CardActionHooks>({});
export const useCardHooks = () => useContext(CardHooksContext);

/** What the feed around a card offers it: where to come back to after a sign-in. */
export type FeedHandle = {
  /** The key a sign-in round trip comes back to (the page URL, or the shell's feed). */
  scope: string;
  /** Remembers the feed (pages loaded, this card's place on screen) before leaving to sign in. */
  rememberForSignIn: (assetId: string, favorite: boolean) => void;
};

export const FeedContext = createContext<FeedHandle | null>(null);
export const useFeed = () => useContext(FeedContext);
