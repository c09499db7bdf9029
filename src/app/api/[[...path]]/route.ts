import { unknownRoute } from "@/lib/api/unknown-route";

// Fallback for paths no other route file serves (more specific routes always win).
export {
  unknownRoute as GET,
  unknownRoute as POST,
  unknownRoute as PUT,
  unknownRoute as PATCH,
  unknownRoute as DELETE,
};
