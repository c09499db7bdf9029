// `npm run keys:rotate`: re-encrypts every provider API key under the current ENCRYPTION_KEY.
// Rotation: set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the old one, run
// this once, then drop ENCRYPTION_KEY_PREVIOUS. Uses the same DATABASE_URL as the app.
import { closeDb, migrateToLatest } from "@/lib/db";
import { rotateProviderKeys } from "@/lib/catalog/admin/rotate-keys";

try {
  await migrateToLatest();
  const { rotated, alreadyCurrent } = await rotateProviderKeys();
  console.log(
    `keys:rotate — re-encrypted ${rotated} provider key(s); ${alreadyCurrent} already under the current key.`,
  );
} catch (err) {
  console.error(`keys:rotate failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
