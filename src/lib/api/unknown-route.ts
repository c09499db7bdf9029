import "server-only";
import { ApiError } from "@/lib/errors";
import { withPublic } from "./handler";

// Any /api/* or /v1/* path that no route file serves, whatever the method: the contract's JSON 404
// instead of Next.js's HTML page (and instead of a multipart POST being taken for a Server Action).
export const unknownRoute = withPublic(async ({ req }) => {
  throw new ApiError(
    "not_found",
    `接口不存在：${req.method} ${req.nextUrl.pathname.slice(0, 200)}`,
  );
});
