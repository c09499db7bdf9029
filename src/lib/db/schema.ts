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
  /** Set once the address is verified (sign-up bonus then); null until then. */
  emailVerifiedAt: string | null;
  /** Bumped to revoke every login token and session at once (0006_keys). */
  tokenVersion: Generated<number>;
  disabledAt: Generated<string | null>;
  /** Quota plan name (a key of the settings' quotaPlans). */
  plan: Generated<string>;
  /** JSON: operation id → daily limit (null = unlimited) overriding the plan. */
  quotaOverrides: Generated<string>;
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
  /** The model's public slug when known (null for works older than the catalogue). */
  modelSlug: string | null;
  /** JSON object: size, seconds, seed, quality — whatever the call used and is known. */
  params: Generated<string>;
  /** 1 = on the public gallery, 0 = taken down by its author (still visible to them). */
  published: Generated<number>;
  /** A large rendition for the work page; null = coverUrl is already the full picture. */
  fullUrl: string | null;
  updatedAt: string | null;
}

export interface AssetTagsTable {
  assetId: string;
  tag: string;
}

export interface AssetViewsTable {
  assetId: string;
  /** "u:<userId>" or "a:<hash of the visitor cookie>" — never an IP address. */
  visitor: string;
  /** UTC date, YYYY-MM-DD. */
  day: string;
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
  /** JSON array of fields an admin set by hand (displayName, pricing, tags, enabled). */
  editedFields: string;
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
  /** The app process holding a pending charge (instances.id); null on older rows. */
  instanceId: string | null;
  /** The personal API key a hold counted against, and the start of that key's limit window. */
  apiKeyId: Generated<string | null>;
  keyWindow: Generated<string | null>;
  /** Units this row counts against its operation's daily quota (0 for non-calls). */
  quotaUnits: Generated<number>;
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
  apiKeyId: Generated<string | null>;
}

export interface ApiKeysTable {
  id: string;
  userId: string;
  name: string;
  /** SHA-256 (hex) of the full key; the key itself is never stored. */
  keyHash: string;
  prefix: string;
  suffix: string;
  /** JSON array of model slugs; empty = every model. */
  allowedModels: string;
  creditLimit: number | null;
  limitReset: string;
  windowStart: string | null;
  windowSpent: number;
  rpm: number | null;
  expiresAt: string | null;
  enabled: number;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdAt: string;
  updatedAt: string;
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

export interface AiResponsesTable {
  id: string;
  userId: string;
  modelSlug: string;
  previousResponseId: string | null;
  history: string;
  body: string;
  createdAt: string;
  expiresAt: string;
}

/** A running app process; its heartbeat tells others whether its pending holds are live. */
export interface InstancesTable {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
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
  /** A workflow step: its workflow's task, and its place (0-based) in it. */
  parentId: string | null;
  stepIndex: number | null;
  /** The project it is filed in (its owner's), if any. */
  projectId: string | null;
}

/** A workflow (issue 12): steps as JSON text, run as a parent task with one child per step. */
export interface WorkflowsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  steps: string;
  enabled: number;
  sort: number;
  builtin: number;
  createdAt: string;
  updatedAt: string;
}

/** A named group of one user's generations. */
export interface ProjectsTable {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

/** A stored chat conversation (the creator's 对话), owned by one user. */
export interface ChatConversationsTable {
  id: string;
  userId: string;
  title: string;
  modelSlug: string | null;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessagesTable {
  id: string;
  conversationId: string;
  seq: number;
  role: "user" | "assistant";
  content: string;
  /** Replies: done | stopped | failed. */
  state: string | null;
  finishReason: string | null;
  modelSlug: string | null;
  requestId: string | null;
  credits: number | null;
  createdAt: string;
}

export interface Database {
  users: UsersTable;
  assets: AssetsTable;
  asset_tags: AssetTagsTable;
  asset_views: AssetViewsTable;
  favorites: FavoritesTable;
  providers: ProvidersTable;
  ai_models: AiModelsTable;
  credit_transactions: CreditTransactionsTable;
  ai_usage: AiUsageTable;
  audit_logs: AuditLogsTable;
  app_meta: AppMetaTable;
  ai_responses: AiResponsesTable;
  instances: InstancesTable;
  tasks: TasksTable;
  workflows: WorkflowsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  chat_conversations: ChatConversationsTable;
  chat_messages: ChatMessagesTable;
}

export type UserRow = Selectable<UsersTable>;
export type AssetRow = Selectable<AssetsTable>;
export type NewAsset = Insertable<AssetsTable>;
export type ProviderRow = Selectable<ProvidersTable>;
export type AiModelRow = Selectable<AiModelsTable>;
export type AiModelUpdate = Updateable<AiModelsTable>;
export type TaskRow = Selectable<TasksTable>;
export type CreditTransactionRow = Selectable<CreditTransactionsTable>;
export type WorkflowRow = Selectable<WorkflowsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type ChatConversationRow = Selectable<ChatConversationsTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;
