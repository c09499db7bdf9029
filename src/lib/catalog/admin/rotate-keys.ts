import "server-only";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import { recordAudit } from "@/lib/audit";
import { decryptSecret, encryptSecret, isSealedWithCurrentKey } from "@/lib/crypto";
import { db } from "@/lib/db";

/**
 * Re-seals every provider key under the current ENCRYPTION_KEY. Old values are opened with
 * ENCRYPTION_KEY_PREVIOUS; one that neither key opens stops the run before anything is written.
 */
export async function rotateProviderKeys(): Promise<{ rotated: number; alreadyCurrent: number }> {
  const rows = await db
    .selectFrom("providers")
    .select(["id", "slug", "apiKeyEncrypted"])
    .where("apiKeyEncrypted", "is not", null)
    .execute();
  const pending = rows.filter((r) => !isSealedWithCurrentKey(r.apiKeyEncrypted!));
  const resealed = pending.map((r) => {
    try {
      return { id: r.id, sealed: encryptSecret(decryptSecret(r.apiKeyEncrypted!)) };
    } catch (err) {
      throw new Error(`provider ${r.slug}: ${(err as Error).message}`);
    }
  });
  await db.transaction().execute(async (trx) => {
    for (const r of resealed)
      await trx
        .updateTable("providers")
        .set({ apiKeyEncrypted: r.sealed })
        .where("id", "=", r.id)
        .execute();
    if (resealed.length) {
      // Cached provider rows (resolveModel) carry the sealed key: let them reload.
      await bumpCatalogVersion(trx);
      await recordAudit(
        {
          actor: null,
          action: "provider.rotate_keys",
          targetType: "provider",
          targetId: null,
          diff: { providers: pending.map((p) => p.slug) },
          ip: null,
        },
        trx,
      );
    }
  });
  return { rotated: resealed.length, alreadyCurrent: rows.length - pending.length };
}
