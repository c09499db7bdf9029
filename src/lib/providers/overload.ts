// The 503 the provider transport answers by itself when a provider's connection pool and queue
// are full (./pool.ts): marked so the retry policy never retries it and the error mapping turns
// it into our own 503 + Retry-After instead of blaming the provider.

export const OVERLOADED_HEADER = "x-aigc-upstream-overloaded";
/** Seconds a refused caller is told to wait. */
export const OVERLOAD_RETRY_AFTER = 1;
