"use client";
import { useViewerFavored } from "@/lib/client/viewer";
import { FavoriteButton } from "./FavoriteButton";
import s from "./Masonry.module.css";
import { ReuseLink } from "./ReuseLink";

type Props = {
  id: string;
  title: string;
  likes: number;
  /** Left out when false: every byte here is repeated per card in the page's RSC payload. */
  favored?: boolean;
  /** Unset: rendered without a viewer; the heart and 复用 ask the viewer store. */
  signedIn?: boolean;
  /** false hides 复用 (a host with no creator route to reuse in). */
  reuse: boolean;
  /** Goes between the two (我的作品's 下架 / 重新发布), keeping the cards' tab order. */
  children?: React.ReactNode;
};

/** A card's controls: the heart and 复用 (and, on 我的作品, the author's between them). */
export function CardActions({
  id,
  title,
  likes,
  favored = false,
  signedIn,
  reuse,
  children,
}: Props) {
  // Rendered without a viewer (a page the same for everyone): the store knows who is looking.
  const viewer = useViewerFavored(signedIn === undefined ? id : null);
  const known = signedIn ?? viewer.signedIn ?? undefined;
  return (
    <>
      <div className={s.heart}>
        <FavoriteButton
          assetId={id}
          title={title}
          favored={favored || viewer.favored}
          likes={likes}
          signedIn={known}
        />
      </div>
      {children}
      {reuse && (
        <div className={s.reuse}>
          <ReuseLink assetId={id} title={title} signedIn={known} />
        </div>
      )}
    </>
  );
}
