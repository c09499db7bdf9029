import type { Generated, Insertable, Selectable, Updateable } from "kysely";

// Table types. Portability rules for SQLite and PostgreSQL alike:
// - ids are text, timestamps are ISO-8601 UTC text (lexical order = time order),
// - booleans are integers 0/1, arrays and objects are JSON text.

export type Role = "user" | "admin";
export type AssetType = "image" | "video";
export type TxStatus = "pending" | "success" | "failed";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  credits: number;
  createdAt: string;
}

export interface AssetsTable {
  id: string;
  title: string;
  type: AssetType;
  coverUrl: string;
  videoUrl: string | null;
  width: number;
  height: number;
  aspectRatio: number;
  durationSec: number | null;
  modelTag: string;
  tags: string;
  prompt: string | null;
  ownerId: string | null;
  views: number;
  likes: number;
  hotScore: number;
  createdAt: string;
}

export interface AssetTagsTable {
  assetId: string;
  tag: string;
}

export interface FavoritesTable {
  id: string;
  userId: string;
  assetId: string;
  createdAt: string;
}

export interface ProvidersTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  baseURL: string;
  apiKeyEncrypted: string | null;
  apiKeyPreview: string | null;
  extraHeaders: string;
  enabled: number;
  createdAt: string;
  updatedAt: string;
}

export interface AiModelsTable {
  id: string;
  slug: string;
  displayName: string;
  providerId: string;
  upstreamModel: string;
  family: string;
  modalities: string;
  capabilities: string;
  contextWindow: number;
  supportsStream: number;
  pricing: string;
  rateLimit: string;
  tags: string;
  enabled: number;
  sort: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreditTransactionsTable {
  id: string;
  userId: string;
  delta: number;
  reason: string;
  providerSlug: string | null;
  modelSlug: string | null;
  requestId: string | null;
  status: TxStatus;
  meta: string;
  createdAt: string;
  updatedAt: string;
}

export interface AiUsageTable {
  id: string;
  userId: string;
  providerSlug: string;
  modelSlug: string;
  operation: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costCredits: number;
  finishReason: string | null;
  status: string;
  requestId: string;
  createdAt: string;
}

export interface AuditLogsTable {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  diff: string;
  ip: string | null;
  createdAt: string;
}

export type TaskStatus = "queued" | "in_progress" | "completed" | "failed" | "cancelled";

/** One generation (contract §8). JSON columns: input, outputs, price, error. */
export interface TasksTable {
  id: string;
  userId: string;
  kind: string;
  modelSlug: string;
  providerSlug: string;
  providerId: string | null;
  upstreamModel: string;
  upstreamJobId: string | null;
  requestId: string;
  status: TaskStatus;
  progress: number;
  input: string;
  outputs: string;
  price: string;
  holdId: string | null;
  creditsHeld: number;
  creditsCharged: number;
  error: string | null;
  attempts: number;
  nextPollAt: string | null;
  lockedUntil: string | null;
  lockedBy: string | null;
  remixOf: string | null;
  upstreamDoneAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  assets: AssetsTable;
  asset_tags: AssetTagsTable;
  favorites: FavoritesTable;
  providers: ProvidersTable;
  ai_models: AiModelsTable;
  credit_transactions: CreditTransactionsTable;
  ai_usage: AiUsageTable;
  audit_logs: AuditLogsTable;
  app_meta: AppMetaTable;
  tasks: TasksTable;
}

export type UserRow = Selectable<UsersTable>;
export type AssetRow = Selectable<AssetsTable>;
export type NewAsset = Insertable<AssetsTable>;
export type ProviderRow = Selectable<ProvidersTable>;
export type AiModelRow = Selectable<AiModelsTable>;
export type AiModelUpdate = Updateable<AiModelsTable>;
export type TaskRow = Selectable<TasksTable>;
export type CreditTransactionRow = Selectable<CreditTransactionsTable>;
// Keeps the Generated import meaningful for future auto-increment columns.
export type _Generated<T> = Generated<T>;
