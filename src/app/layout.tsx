import type { Metadata, Viewport } from "next";
import { Topbar } from "@/components/layout/Topbar";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AIGC Studio · AI 图像与视频广场", template: "%s · AIGC Studio" },
  description: "浏览、生成与编辑 AI 图像和视频：开放的 AIGC 创作平台与 OpenAI 兼容网关。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#ffffff" };

// `modal`: the @modal slot, where a work opened from a feed shows over the page (its own URL).
export default function RootLayout({
  children,
  modal,
}: {
  children: React.ReactNode;
  modal: React.ReactNode;
}) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-black px-3 py-2 text-sm text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          跳到主要内容
        </a>
        <Topbar />
        {children}
        {modal}
      </body>
    </html>
  );
}
