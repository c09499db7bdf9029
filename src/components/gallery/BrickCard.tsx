import type { CardAsset } from "@/lib/gallery/feed-params";
import { workUrl } from "@/lib/gallery/work-url";
import { type BrickVars, brickRatio } from "@/lib/gallery/masonry";
import { CardActions } from "./CardActions";
import { formatDuration } from "./format";
import { PublishToggle } from "./PublishToggle";
import s from "./Masonry.module.css";
import { VideoPreview } from "./VideoPreview";

type Props = {
  asset: CardAsset;
  index: number;
  /** Unset: rendered without a viewer (see ServerFeed). */
  signedIn?: boolean;
  vars: BrickVars;
  /** Where the card leads (default: the work page on this site). */
  href?: string;
  /** false hides 复用 (a host with no creator route to reuse in). */
  reuse?: boolean;
  /** 我的作品: the author's 下架 / 重新发布 on the card. */
  owner?: boolean;
};

export const workHref = workUrl;

// The first bricks are above the fold on every screen size: load them eagerly, the very first
// ones with high priority (they are the LCP candidates); everything else is lazy.
const EAGER = 6;
const PRIORITY = 2;

/**
 * One work on the wall: the media fills the card and is the link to the work; title, model and
 * 复用 lie over it, the like count stays visible. No hooks of its own: the feed renders it, on the
 * server for the first page and in the browser for later ones; the links are plain anchors whose
 * clicks the list routes (soft-nav.tsx).
 */
export function BrickCard({ asset, index, signedIn, vars, href, reuse = true, owner }: Props) {
  const isVideo = asset.type === "video" && asset.videoUrl !== null;
  const eager = index < EAGER;
  const priority = index < PRIORITY;
  return (
    <article
      data-asset-id={asset.id}
      data-type={asset.type}
      className={s.brick}
      // Four decimals are plenty for a shape, and shorter in the HTML and the RSC payload.
      style={{ ...vars, aspectRatio: String(Math.round(brickRatio(asset) * 1e4) / 1e4) }}
    >
      <a href={href ?? workHref(asset.id)} data-soft="keep" className={s.link}>
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
            className={s.media}
          />
        )}
        <span className={s.caption}>
          <span className={s.title}>{asset.title}</span>
          <span className={s.model}>
            <span className="sr-only">，模型 </span>
            {asset.modelTag}
          </span>
        </span>
      </a>
      {(isVideo || (asset.published === false && !owner)) && (
        <span className={s.badges}>
          {isVideo && (
            <span className={s.badge}>
              <span className="sr-only">视频，时长</span>
              {formatDuration(asset.durationSec) || "视频"}
            </span>
          )}
          {asset.published === false && !owner && <span className={s.badgeLight}>已下架</span>}
        </span>
      )}
      <CardActions
        id={asset.id}
        title={asset.title}
        likes={asset.likes}
        favored={asset.favored || undefined}
        signedIn={signedIn}
        reuse={reuse}
      >
        {owner && (
          <div className={s.owner}>
            <PublishToggle
              assetId={asset.id}
              title={asset.title}
              published={asset.published !== false}
            />
          </div>
        )}
      </CardActions>
    </article>
  );
}
