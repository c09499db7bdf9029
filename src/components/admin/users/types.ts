import type { ApiKeyView } from "@/lib/keys/schemas";
import type { QuotaStatus } from "@/lib/client/account";

// The console's user shapes as the admin API answers them.

export type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
  credits: number;
  plan: string;
  disabledAt: string | null;
  createdAt: string;
};

export type AdminUserDetail = AdminUser & {
  quotaOverrides: Record<string, number | null>;
  quotas: QuotaStatus;
  keys: ApiKeyView[];
  usage30d: { calls: number; errors: number; credits: number };
  plans: string[];
};

export type UsageRow = {
  id: string;
  operation: string;
  modelSlug: string;
  providerSlug: string;
  status: string;
  costCredits: number;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  requestId: string;
  createdAt: string;
  keyName: string | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };
