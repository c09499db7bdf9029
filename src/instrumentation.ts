// Next.js calls register() once per server process before serving. NEXT_RUNTIME is set by the
// framework itself (not configuration), so it is read here rather than through src/lib/env.ts,
// which must not load in the edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  try {
    await boot();
  } catch (err) {
    // A server that cannot migrate, or must refuse to run (production without secrets),
    // exits instead of serving errors.
    console.error(`[boot] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
