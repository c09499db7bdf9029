// One error class, a closed set of codes, one table code → HTTP status (contract §2).
// Safe to import from client components too: no server-only dependencies.

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  insufficient_credits: 402,
  forbidden: 403,
  not_found: 404,
  model_not_found: 404,
  method_not_allowed: 405,
  duplicate_request: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  quota_exceeded: 429,
  internal_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const ERROR_TYPE: Record<ErrorCode, string> = {
  invalid_request: "invalid_request_error",
  unauthorized: "authentication_error",
  insufficient_credits: "insufficient_quota",
  forbidden: "permission_error",
  not_found: "not_found_error",
  model_not_found: "invalid_request_error",
  method_not_allowed: "invalid_request_error",
  duplicate_request: "conflict_error",
  conflict: "conflict_error",
  payload_too_large: "invalid_request_error",
  unsupported_media_type: "invalid_request_error",
  rate_limited: "rate_limit_error",
  quota_exceeded: "insufficient_quota",
  internal_error: "server_error",
  upstream_error: "upstream_error",
  service_unavailable: "server_error",
  upstream_timeout: "upstream_error",
};

export type ErrorBody = {
  error: {
    message: string;
    type: string;
    code: ErrorCode;
    param: string | null;
    provider: string | null;
    requestId: string | null;
  };
};

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { param?: string; provider?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }

  toBody(requestId: string | null): ErrorBody {
    return {
      error: {
        message: this.message,
        type: ERROR_TYPE[this.code],
        code: this.code,
        param: this.options.param ?? null,
        provider: this.options.provider ?? null,
        requestId,
      },
    };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    "error" in value &&
    typeof (value as ErrorBody).error?.message === "string"
  );
}
