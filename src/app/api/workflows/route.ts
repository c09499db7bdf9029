import { json, withPublic } from "@/lib/api/handler";
import { publicWorkflows } from "@/lib/workflows/catalog";

export const runtime = "nodejs";

// The enabled workflows, each step with the model it would run on and that model's price.
export const GET = withPublic(async () => json({ items: await publicWorkflows() }));
