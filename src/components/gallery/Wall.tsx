import type { WallVars } from "@/lib/gallery/masonry";
import styles from "./Masonry.module.css";

/** The masonry wall: a list whose cards place themselves from their CSS variables. */
export function Wall({
  label,
  vars,
  children,
}: {
  label: string;
  vars: WallVars;
  children: React.ReactNode;
}) {
  return (
    <div className={styles.wall}>
      <div
        role="feed"
        aria-label={label}
        className={styles.inner}
        style={vars as React.CSSProperties}
      >
        {children}
      </div>
    </div>
  );
}
