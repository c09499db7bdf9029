"use client";
import { useEffect, useRef, useState } from "react";
import { PlayIcon } from "@/components/ui/icons";
import type { CardAsset } from "@/lib/gallery/feed-params";
import { formatDuration } from "./format";

let idle: Promise<void> | null = null;

function afterPageIdle(): Promise<void> {
  idle ??= new Promise<void>((resolve) => {
    const later = () =>
      "requestIdleCallback" in window
        ? window.requestIdleCallback(() => resolve(), { timeout: 3000 })
        : setTimeout(resolve, 500);
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  });
  return idle;
}

type Props = { asset: CardAsset; eager: boolean; priority: boolean };

// The cover is always a plain <img> with intrinsic width/height (no layout shift, cheap LCP).
// For videos the <video> element is only mounted once the card is in view or hovered, so a page
// of cards does not download every clip up front; it plays muted while visible.
export function CardMedia({ asset, eager, priority }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [inView, setInView] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [mounted, setMounted] = useState(false);
  const isVideo = asset.type === "video" && asset.videoUrl !== null;
  const wanted = inView || hovered;

  useEffect(() => {
    if (!isVideo || !box.current) return;
    // Respect reduced motion: no autoplay on scroll, hover still previews.
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    let io: IntersectionObserver | null = null;
    let cancelled = false;
    // Clips start only once the page has loaded and gone idle: the covers and the first
    // interaction matter more than motion.
    afterPageIdle().then(() => {
      if (cancelled || !box.current) return;
      io = new IntersectionObserver(
        ([entry]) => {
          setInView(entry.isIntersecting);
          if (entry.isIntersecting) setMounted(true);
        },
        { threshold: 0.6 },
      );
      io.observe(box.current);
    });
    return () => {
      cancelled = true;
      io?.disconnect();
    };
  }, [isVideo]);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    if (wanted) el.play().catch(() => undefined);
    else el.pause();
  }, [wanted, mounted]);

  return (
    <div
      ref={box}
      className="relative overflow-hidden rounded-xl bg-neutral-100"
      style={{ aspectRatio: `${asset.width} / ${asset.height}` }}
      onMouseEnter={
        isVideo
          ? () => {
              setHovered(true);
              setMounted(true);
            }
          : undefined
      }
      onMouseLeave={isVideo ? () => setHovered(false) : undefined}
    >
      <img
        src={asset.coverUrl}
        width={asset.width}
        height={asset.height}
        alt={asset.title}
        loading={eager ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : "auto"}
        decoding={priority ? "sync" : "async"}
        className="absolute inset-0 size-full object-cover"
      />
      {isVideo && mounted && (
        <video
          ref={video}
          src={asset.videoUrl ?? undefined}
          poster={asset.coverUrl}
          width={asset.width}
          height={asset.height}
          muted
          playsInline
          loop
          preload="metadata"
          aria-hidden="true"
          tabIndex={-1}
          className="absolute inset-0 size-full object-cover"
        />
      )}
      {isVideo && (
        <span className="absolute top-2 left-2 inline-flex items-center gap-1 rounded-full bg-black/70 px-2 py-0.5 text-[11px] font-medium text-white">
          <PlayIcon className="size-2.5" />
          视频
          {asset.durationSec !== null && (
            <span className="tabular-nums"> {formatDuration(asset.durationSec)}</span>
          )}
        </span>
      )}
    </div>
  );
}
