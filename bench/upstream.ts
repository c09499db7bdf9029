// The mock OpenAI upstream (tests/mocks/openai-server.ts) in a process of its own, for the chat
// bench: started by startUpstreamProcess() (bench/lib.ts), which it tells its URL over IPC; a
// "reset" message clears its request log. In the load generator's own process a direct call
// would never leave the event loop it was made on, and would look cheaper than any call to a
// real upstream.
import { startMockUpstream } from "../tests/mocks/openai-server";

const up = await startMockUpstream();
process.on("message", (message) => {
  if (message === "reset") up.reset();
});
process.on("disconnect", () => process.exit(0));
process.send?.({ url: up.url });
