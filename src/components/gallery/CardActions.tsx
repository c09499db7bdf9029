"use client";
import { FavoriteButton } from "./FavoriteButton";
import s from "./Masonry.module.css";
import { ReuseLink } from "./ReuseLink";

type Props = {
  id: string;
  title: string;
  likes: number;
  /** Left out when false: every byte here is repeated per card in the page's RSC payload. */
  favored?: boolean;
  signedIn: boolean;
  /** false hides 复用 (a host with no creator route to reuse in). */
  reuse: boolean;
  /** Goes between the two (我的作品's 下架 / 重新发布), keeping the cards' tab order. */
  children?: React.ReactNode;
};

/**
 * A card's one client island: the heart and 复用. On a server-rendered card the page's RSC payload
 * then carries only these few props, not the markup of both controls a second time.
 */
export function CardActions({
  id,
  title,
  likes,
  favored = false,
  signedIn,
  reuse,
  children,
}: Props) {
  return (
    <>
      <div className={s.heart}>
        <FavoriteButton
          assetId={id}
          title={title}
          favored={favored}
          likes={likes}
          signedIn={signedIn}
        />
      </div>
      {children}
      {reuse && (
        <div className={s.reuse}>
          <ReuseLink assetId={id} title={title} signedIn={signedIn} />
        </div>
      )}
    </>
  );
}
