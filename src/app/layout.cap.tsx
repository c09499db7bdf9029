import type { Metadata, Viewport } from "next";
import "./globals.css";

// Root layout of the Capacitor build only: no site header, nothing server-side.
export const metadata: Metadata = { title: "AIGC Studio", description: "AIGC Studio 移动应用" };
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: "#ffffff",
};

export default function CapLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
