import { z } from "zod";
import { json, readJson, withPublic } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { clockIsMovable, setTestClock } from "@/lib/time/clock";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ now: z.iso.datetime({ offset: true }).nullable() });

/**
 * Test servers only (APP_ENV=test and TEST_CLOCK=1): sets the app clock, `{now: ISO}` or `{now: null}` for the real
 * time, so suites can cross a midnight. Everywhere else this route does not exist (404).
 */
export const POST = withPublic(async ({ req }) => {
  if (!clockIsMovable()) throw new ApiError("not_found", "Not found");
  const { now } = bodySchema.parse(await readJson(req));
  const at = setTestClock(now === null ? null : Date.parse(now));
  return json({ now: new Date(at).toISOString() });
});
