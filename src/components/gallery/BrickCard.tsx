import type { CardAsset } from "@/lib/assets/feed-params";
import { CardActions, type CardActionHooks } from "./CardActions";
import { CardMedia } from "./CardMedia";

type Props = { asset: CardAsset; index: number; signedIn: boolean; hooks?: CardActionHooks };

// The first bricks are above the fold on every screen size: load them eagerly, the very first
// ones with high priority (they are the LCP candidates); everything else is lazy.
const EAGER = 6;
const PRIORITY = 2;

export function BrickCard({ asset, index, signedIn, hooks }: Props) {
  // The list item wraps the article: an <article> may not take role=listitem (axe
  // aria-allowed-role), and the wrapper is the column box CSS columns must not split.
  return (
    <div role="listitem" className="mb-5 break-inside-avoid sm:mb-6">
      <article data-asset-id={asset.id} data-type={asset.type} className="relative">
        <CardMedia asset={asset} eager={index < EAGER} priority={index < PRIORITY} />
        <h2 className="mt-2 line-clamp-1 text-sm font-medium text-neutral-900" title={asset.title}>
          {asset.title}
        </h2>
        <p className="mt-0.5 truncate text-xs text-neutral-600">
          <span className="sr-only">模型：</span>
          {asset.modelTag}
        </p>
        <CardActions
          assetId={asset.id}
          title={asset.title}
          favored={asset.favored ?? false}
          likes={asset.likes}
          signedIn={signedIn}
          hooks={hooks}
        />
      </article>
    </div>
  );
}
