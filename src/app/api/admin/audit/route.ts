import { z } from "zod";
import { json, withAdmin } from "@/lib/api/handler";
import { listAudit } from "@/lib/audit";

const querySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = withAdmin(async ({ req }) =>
  json(await listAudit(querySchema.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
