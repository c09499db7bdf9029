// When a provider call is tried again (contract: 429, 5xx and network errors, at most twice),
// shared by the SDK client (./client.ts) and the SDK-free JSON call (./wire.ts).

export const MAX_RETRIES = 2;

export const retryable = (status: number) => status === 429 || status >= 500;
