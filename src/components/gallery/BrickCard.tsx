import { PlayIcon } from "@/components/ui/icons";
import type { CardAsset } from "@/lib/gallery/feed-params";
import { type BrickVars, brickRatio } from "@/lib/gallery/masonry";
import { FavoriteButton } from "./FavoriteButton";
import { formatDuration } from "./format";
import styles from "./Masonry.module.css";
import { ReuseLink } from "./ReuseLink";
import { VideoPreview } from "./VideoPreview";

type Props = {
  asset: CardAsset;
  index: number;
  signedIn: boolean;
  vars: BrickVars;
  /** Where the card leads (default: the work page on this site). */
  href?: string;
  /** false hides 复用 (a host with no creator route to reuse in). */
  reuse?: boolean;
};

export const workHref = (assetId: string) => `/works/${encodeURIComponent(assetId)}`;

// The first bricks are above the fold on every screen size: load them eagerly, the very first
// ones with high priority (they are the LCP candidates); everything else is lazy.
const EAGER = 6;
const PRIORITY = 2;

// Hidden until hover or keyboard focus on a mouse screen; always shown on touch screens.
const reveal =
  "opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100 [@media(hover:none)]:opacity-100";

/**
 * One work on the wall: the media fills the card and is the link to the work; title, model and
 * 复用 lie over it, the like count stays visible. No hooks of its own, so the server renders the
 * first page of cards and only the heart and a video's preview hydrate; the links are plain
 * anchors whose clicks the list routes (soft-nav.tsx).
 */
export function BrickCard({ asset, index, signedIn, vars, href, reuse = true }: Props) {
  const isVideo = asset.type === "video" && asset.videoUrl !== null;
  const eager = index < EAGER;
  const priority = index < PRIORITY;
  return (
    <article
      role="listitem"
      data-asset-id={asset.id}
      data-type={asset.type}
      className={`${styles.brick} group`}
      style={{ ...vars, aspectRatio: String(brickRatio(asset)) }}
    >
      <a
        href={href ?? workHref(asset.id)}
        data-soft="keep"
        className="absolute inset-0 block overflow-hidden rounded-xl bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
      >
        {isVideo ? (
          <VideoPreview
            coverUrl={asset.coverUrl}
            videoUrl={asset.videoUrl!}
            width={asset.width}
            height={asset.height}
            eager={eager}
            priority={priority}
          />
        ) : (
          <img
            src={asset.coverUrl}
            width={asset.width}
            height={asset.height}
            alt=""
            loading={eager ? "eager" : "lazy"}
            fetchPriority={priority ? "high" : "auto"}
            decoding={priority ? "sync" : "async"}
            className="absolute inset-0 size-full object-cover"
          />
        )}
        <span
          className={`absolute inset-x-0 bottom-0 bg-linear-to-t from-black/80 via-black/45 to-transparent px-2.5 pt-8 pb-2 pr-16 text-white ${reveal}`}
        >
          <span className="block truncate text-sm leading-5 font-medium">{asset.title}</span>
          <span className="block truncate text-xs leading-4 text-white/85">
            <span className="sr-only">，模型 </span>
            {asset.modelTag}
          </span>
        </span>
      </a>
      {(isVideo || asset.published === false) && (
        <span className="pointer-events-none absolute top-2 left-2 flex flex-col items-start gap-1 text-[11px] font-medium">
          {isVideo && (
            <span className="inline-flex h-6 items-center gap-1 rounded-full bg-black/75 px-2 text-white tabular-nums">
              <PlayIcon className="size-2.5" />
              <span className="sr-only">视频，时长</span>
              {formatDuration(asset.durationSec) || "视频"}
            </span>
          )}
          {asset.published === false && (
            <span className="rounded-full bg-white px-2 py-0.5 text-black">已下架</span>
          )}
        </span>
      )}
      <div className="absolute top-2 right-2">
        <FavoriteButton
          assetId={asset.id}
          title={asset.title}
          favored={asset.favored ?? false}
          likes={asset.likes}
          signedIn={signedIn}
        />
      </div>
      {reuse && (
        <div className={`absolute right-2 bottom-2 ${reveal}`}>
          <ReuseLink assetId={asset.id} title={asset.title} signedIn={signedIn} />
        </div>
      )}
    </article>
  );
}
