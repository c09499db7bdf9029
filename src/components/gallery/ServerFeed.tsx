import type { CardAsset } from "@/lib/gallery/feed-params";
import { layoutWall } from "@/lib/gallery/masonry";
import { BrickCard } from "./BrickCard";
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
 * A feed whose first page is rendered here, on the server, as plain cards in their final places
 * (the same placement the browser continues for later pages); only the cards' islands hydrate.
 */
export function ServerFeed({ source, items, nextCursor, signedIn, label, empty, owner }: Props) {
  const { bricks } = layoutWall(items);
  return (
    <GalleryFeed
      // Remounted per query, so the pages of two queries never mix.
      key={JSON.stringify(source)}
      source={source}
      serverItems={items.map(({ id, width, height }) => ({ id, width, height }))}
      initialCursor={nextCursor}
      signedIn={signedIn}
      label={label}
      empty={empty}
      owner={owner}
    >
      {items.map((asset, i) => (
        <BrickCard
          key={asset.id}
          asset={asset}
          index={i}
          signedIn={signedIn}
          vars={bricks[i]}
          owner={owner}
        />
      ))}
    </GalleryFeed>
  );
}
