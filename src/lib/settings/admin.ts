import "server-only";
import { type AdminContext, changes, recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { announce } from "@/lib/broadcast";
import { env } from "@/lib/env";
import { publicPagesChanged } from "@/lib/public-pages";
import { type Settings, type SettingsPatch, settingsSchema } from "./schema";
import { forgetSettings, getSettings, lockSettings, writeSettings } from "./store";

export type SettingsView = Settings & {
  /** What a new account gets now: signupBonus, or SIGNUP_CREDITS when it is null. */
  effectiveSignupBonus: number;
  timezone: string;
};

export const toSettingsView = (s: Settings): SettingsView => ({
  ...s,
  effectiveSignupBonus: s.signupBonus ?? env.SIGNUP_CREDITS,
  timezone: env.APP_TIMEZONE,
});

/** Applies a partial change; the new settings and their audit row commit together. */
export async function updateSettings(patch: SettingsPatch, ctx: AdminContext): Promise<Settings> {
  const saved = await db.transaction().execute(async (trx) => {
    await lockSettings(trx);
    const before = await getSettings(trx);
    const after = settingsSchema.parse({ ...before, ...patch });
    await writeSettings(trx, after);
    await recordAudit(
      {
        ...ctx,
        action: "settings.update",
        targetType: "settings",
        targetId: null,
        diff: changes(before, after),
      },
      trx,
    );
    return after;
  });
  forgetSettings();
  // The announcement shows on every page, including the kept public ones, on every instance.
  publicPagesChanged();
  announce("settings");
  return saved;
}
