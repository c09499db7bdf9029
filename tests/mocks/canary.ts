import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A plain HTTP server that records every request it gets (method, path, headers) and answers
 * with `answer` (default: a tiny JSON). Listens on `::` (IPv4 and IPv6 loopback alike), so a
 * test can point URLs at it through 127.0.0.1, [::1], localhost or any other spelling and see
 * whether anything arrived.
 */
export type CanaryRequest = { method: string; path: string; headers: http.IncomingHttpHeaders };

export async function startCanary(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"canary":true}');
  },
) {
  const requests: CanaryRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers });
    req.resume();
    req.on("end", () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
