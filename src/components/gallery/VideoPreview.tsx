"use client";
import { useEffect, useRef, useState } from "react";
import s from "./Masonry.module.css";

// Feed videos show their poster. A clip plays (muted, looping) only while the pointer rests on
// it, or on touch screens while it is the last one scrolled fully into view — and never more
// than one at a time on the whole page. The <video> element is created only when first wanted,
// so a page of cards downloads no clip up front.

let playing: HTMLVideoElement | null = null;

function claim(video: HTMLVideoElement) {
  if (playing && playing !== video) playing.pause();
  playing = video;
  video.play().catch(() => undefined);
}

function release(video: HTMLVideoElement) {
  video.pause();
  if (playing === video) playing = null;
}

let idle: Promise<void> | null = null;
/** Clips start only once the page has loaded and gone idle: covers and input come first. */
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

type Props = {
  coverUrl: string;
  videoUrl: string;
  width: number;
  height: number;
  eager: boolean;
  priority: boolean;
};

export function VideoPreview({ coverUrl, videoUrl, width, height, eager, priority }: Props) {
  const box = useRef<HTMLSpanElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [wanted, setWanted] = useState(false);
  const [mounted, setMounted] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const touch = window.matchMedia("(hover: none)").matches;
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (!touch) {
      const enter = () => {
        setMounted(true);
        setWanted(true);
      };
      const leave = () => setWanted(false);
      const card = el.closest("article") ?? el;
      card.addEventListener("pointerenter", enter);
      card.addEventListener("pointerleave", leave);
      return () => {
        card.removeEventListener("pointerenter", enter);
        card.removeEventListener("pointerleave", leave);
      };
    }
    if (still) return;
    let io: IntersectionObserver | null = null;
    let live = true;
    void afterPageIdle().then(() => {
      if (!live) return;
      io = new IntersectionObserver(
        ([entry]) => {
          if (entry.isIntersecting) setMounted(true);
          setWanted(entry.isIntersecting);
        },
        { threshold: 0.75 },
      );
      io.observe(el);
    });
    return () => {
      live = false;
      io?.disconnect();
    };
  }, []);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    if (wanted) claim(el);
    else release(el);
  }, [wanted, mounted]);

  useEffect(() => {
    const el = video.current;
    return () => {
      if (el) release(el);
    };
  }, [mounted]);

  return (
    <span ref={box} className={s.media}>
      <img
        src={coverUrl}
        width={width}
        height={height}
        alt=""
        loading={eager ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : "auto"}
        decoding={priority ? "sync" : "async"}
        className={s.media}
      />
      {mounted && (
        <video
          ref={video}
          src={videoUrl}
          poster={coverUrl}
          width={width}
          height={height}
          muted
          playsInline
          loop
          preload="metadata"
          aria-hidden="true"
          tabIndex={-1}
          data-preview=""
          className={s.media}
        />
      )}
    </span>
  );
}
