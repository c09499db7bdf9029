import type { Metadata, Viewport } from "next";
import { MobileEntry } from "@/components/mobile/MobileEntry";

// The web copy of the app shell. The Capacitor build renders the same component from
// src/app/page.cap.tsx (see next.config.mjs).
export const metadata: Metadata = { title: "移动版" };
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: "#ffffff",
};

export default function MobilePage() {
  return <MobileEntry />;
}
