// Next.js calls register() once per server process before serving. NEXT_RUNTIME is set by the
// framework itself (not configuration), so it is read here rather than through src/lib/env.ts,
// which must not load in the edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootOrExit } = await import("./lib/boot");
  await bootOrExit();
}
