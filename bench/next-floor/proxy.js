// Here only so the build does not take the app's src/proxy.ts (see instrumentation.js); it
// matches no path the bench asks for.
export function proxy() {}

export const config = { matcher: "/no-such-path" };
