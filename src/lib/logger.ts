import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs. Anything that could carry a secret or image bytes is redacted by path.
export const logger = pino({
  level: env.LOG_LEVEL,
  base: undefined,
  redact: {
    paths: [
      "apiKey",
      "*.apiKey",
      "*.*.apiKey",
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "*.headers.authorization",
      "*.headers.cookie",
      "b64_json",
      "*.b64_json",
      "*[*].b64_json",
    ],
    censor: "[redacted]",
  },
});
