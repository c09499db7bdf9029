// Coming back from a sign-in to where the visitor was: the feed's scope (page URL, or the shell's
// feed), how many cards were loaded, which card was touched and where it sat on screen, and the
// favorite to apply. Kept in sessionStorage (per tab, gone with it) for ten minutes. The place is
// used once, by the first feed that mounts for the scope; the favorite waits for the card that
// applies it signed in (the first render after a sign-in may still be the signed-out one).

export type Resume = {
  scope: string;
  count: number;
  anchorId: string | null;
  anchorTop: number;
  favorite: string | null;
  at: number;
};

const KEY = "aigc.gallery.resume";
const TTL_MS = 10 * 60_000;

function read(): Resume | null {
  try {
    const r = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Resume | null;
    if (!r || typeof r.scope !== "string" || Date.now() - r.at > TTL_MS) return null;
    return r;
  } catch {
    return null;
  }
}

function write(r: Resume | null) {
  try {
    if (r) sessionStorage.setItem(KEY, JSON.stringify(r));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): the round trip just starts at the top
  }
}

export function saveResume(r: Omit<Resume, "at">): void {
  write({ ...r, at: Date.now() });
}

export function peekResume(scope: string): Resume | null {
  const r = read();
  return r && r.scope === scope ? r : null;
}

/** True once for the favorite waiting on `assetId` in `scope`; clears it. */
export function takeFavorite(scope: string, assetId: string): boolean {
  const r = peekResume(scope);
  if (!r || r.favorite !== assetId) return false;
  write(r.anchorId ? { ...r, favorite: null } : null);
  return true;
}

/** The place has been restored: forget it, keep a favorite still waiting. */
export function placeRestored(scope: string): void {
  const r = peekResume(scope);
  if (!r) return;
  write(r.favorite ? { ...r, count: 0, anchorId: null } : null);
}

/** The element that scrolls `el`: the nearest scrolling ancestor, else the page. */
export function scrollParent(el: Element): Element {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  return document.scrollingElement ?? document.documentElement;
}

/** The element's top relative to the visible top of what scrolls it. */
export function topInScroller(el: Element): number {
  const scroller = scrollParent(el);
  const base =
    scroller === document.scrollingElement || scroller === document.documentElement
      ? 0
      : scroller.getBoundingClientRect().top;
  return el.getBoundingClientRect().top - base;
}

export const pagePath = () => `${window.location.pathname}${window.location.search}`;
