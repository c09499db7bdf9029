// Here only so the build does not take the app's own: built from inside the app's repository,
// Turbopack falls back to the repository's src/instrumentation.ts (which boots the app's database
// and task runner) when this folder has none.
export function register() {}
