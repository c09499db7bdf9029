import type { CardAsset } from "@/lib/gallery/feed-params";
import { type FeedSource, GalleryFeed } from "./GalleryFeed";

type Props = {
  source: FeedSource;
  items: CardAsset[];
  nextCursor: string | null;
  /**
   * Whether the page was rendered for a signed-in viewer. Left out on pages that are the same for
   * everyone (/ and /explore): the cards then learn the viewer and their hearts in the browser.
   */
  signedIn?: boolean;
  label?: string;
  empty?: React.ReactNode;
  /** 我的作品: cards carry the author's 下架 / 重新发布. */
  owner?: boolean;
};

/**
 * A feed whose first page comes with the page: its cards are in the server's HTML, in their final
 * places (the same placement the browser continues for later pages), and only their items in the
 * RSC payload, from which GalleryFeed hydrates them.
 */
export function ServerFeed({ source, items, nextCursor, signedIn, label, empty, owner }: Props) {
  return (
    <GalleryFeed
      // Remounted per query, so the pages of two queries never mix.
      key={JSON.stringify(source)}
      source={source}
      initialItems={items}
      initialCursor={nextCursor}
      signedIn={signedIn}
      label={label}
      empty={empty}
      owner={owner}
    />
  );
}
