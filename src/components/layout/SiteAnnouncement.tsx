import { connection } from "next/server";
import { getSettings } from "@/lib/settings/store";

/** The operator's announcement (设置 → 站点公告), live from the database; nothing when empty. */
export async function SiteAnnouncement() {
  // Read per request, never at build time: this keeps every page that shows the bar dynamic
  // (the root layout reads nothing else per request since the account area moved to the client).
  await connection();
  const { announcement } = await getSettings();
  if (!announcement) return null;
  return (
    <div
      role="note"
      aria-label="站点公告"
      className="border-t border-neutral-200 bg-black text-white"
    >
      <p className="mx-auto max-w-[1600px] px-3 py-1.5 text-center text-xs sm:px-6 sm:text-sm">
        {announcement}
      </p>
    </div>
  );
}
