// CSS-columns masonry: no layout JS, cards keep their own aspect ratio.
// 2 columns on a 360 px phone, up to 5 on a wide desktop.
export function Masonry({ children, label }: { children: React.ReactNode; label?: string }) {
  return (
    <div
      aria-label={label}
      role={label ? "list" : undefined}
      className="columns-2 gap-3 sm:columns-3 sm:gap-4 lg:columns-4 xl:columns-5"
    >
      {children}
    </div>
  );
}
