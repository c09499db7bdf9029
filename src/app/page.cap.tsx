import { MobileEntry } from "@/components/mobile/MobileEntry";

// Only in the Capacitor build (pageExtensions ["cap.tsx"]): the app shell is the index.html.
export default function CapIndex() {
  return <MobileEntry />;
}
