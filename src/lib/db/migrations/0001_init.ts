import { type Kysely, sql } from "kysely";

// Column types chosen to mean the same on SQLite and PostgreSQL (see ../schema.ts).
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("passwordHash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("user"))
    .addColumn("credits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addCheckConstraint("users_credits_nonnegative", sql`"credits" >= 0`)
    .execute();

  await db.schema
    .createTable("assets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("coverUrl", "text", (c) => c.notNull())
    .addColumn("videoUrl", "text")
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("aspectRatio", "double precision", (c) => c.notNull())
    .addColumn("durationSec", "double precision")
    .addColumn("modelTag", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("prompt", "text")
    .addColumn("ownerId", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("likes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hotScore", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  // Keyset pagination: every (filter, sort) pair walks one of these indexes.
  for (const [name, cols] of [
    ["assets_hot", ["hotScore", "id"]],
    ["assets_new", ["createdAt", "id"]],
    ["assets_type_hot", ["type", "hotScore", "id"]],
    ["assets_type_new", ["type", "createdAt", "id"]],
    ["assets_model_hot", ["modelTag", "hotScore", "id"]],
    ["assets_model_new", ["modelTag", "createdAt", "id"]],
    ["assets_owner", ["ownerId", "createdAt"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("assets")
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable("asset_tags")
    .addColumn("assetId", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_tags_pk", ["tag", "assetId"])
    .execute();
  await db.schema.createIndex("asset_tags_asset").on("asset_tags").column("assetId").execute();

  await db.schema
    .createTable("favorites")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assetId", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addUniqueConstraint("favorites_user_asset", ["userId", "assetId"])
    .execute();
  await db.schema.createIndex("favorites_asset").on("favorites").column("assetId").execute();

  await db.schema
    .createTable("providers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("openaiLike"))
    .addColumn("baseURL", "text", (c) => c.notNull())
    .addColumn("apiKeyEncrypted", "text")
    .addColumn("apiKeyPreview", "text")
    .addColumn("extraHeaders", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("ai_models")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("displayName", "text", (c) => c.notNull())
    .addColumn("providerId", "text", (c) =>
      c.notNull().references("providers.id").onDelete("cascade"),
    )
    .addColumn("upstreamModel", "text", (c) => c.notNull())
    .addColumn("family", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("modalities", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("capabilities", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("contextWindow", "integer", (c) => c.notNull().defaultTo(8192))
    .addColumn("supportsStream", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("pricing", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("rateLimit", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ai_models_provider_upstream")
    .on("ai_models")
    .columns(["providerId", "upstreamModel"])
    .execute();

  await db.schema
    .createTable("credit_transactions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("delta", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("providerSlug", "text")
    .addColumn("modelSlug", "text")
    .addColumn("requestId", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("meta", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  // A requestId may be reused only after its earlier attempt failed (contract §4).
  await db.schema
    .createIndex("credit_tx_live_request")
    .on("credit_transactions")
    .columns(["userId", "requestId"])
    .unique()
    .where(sql<boolean>`"status" in ('pending', 'success')`)
    .execute();
  await db.schema
    .createIndex("credit_tx_user_time")
    .on("credit_transactions")
    .columns(["userId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("credit_tx_status_time")
    .on("credit_transactions")
    .columns(["status", "createdAt"])
    .execute();

  await db.schema
    .createTable("ai_usage")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("providerSlug", "text", (c) => c.notNull())
    .addColumn("modelSlug", "text", (c) => c.notNull())
    .addColumn("operation", "text", (c) => c.notNull())
    .addColumn("tokensIn", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("tokensOut", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("latencyMs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("costCredits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("finishReason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requestId", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ai_usage_user_time")
    .on("ai_usage")
    .columns(["userId", "createdAt"])
    .execute();
  await db.schema.createIndex("ai_usage_request").on("ai_usage").column("requestId").execute();

  await db.schema
    .createTable("audit_logs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("actorId", "text")
    .addColumn("actorEmail", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("targetType", "text", (c) => c.notNull())
    .addColumn("targetId", "text")
    .addColumn("diff", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("ip", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_logs_time")
    .on("audit_logs")
    .columns(["createdAt", "id"])
    .execute();

  await db.schema
    .createTable("app_meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "app_meta",
    "audit_logs",
    "ai_usage",
    "credit_transactions",
    "ai_models",
    "providers",
    "favorites",
    "asset_tags",
    "assets",
    "users",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
