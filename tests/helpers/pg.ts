import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// A throw-away PostgreSQL cluster: initdb + pg_ctl in a temp dir, on a free port, with the
// socket in that dir. As root it runs as the `postgres` system user (initdb refuses root).

function binDir(): string {
  const candidates = fs.existsSync("/usr/lib/postgresql")
    ? fs
        .readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const found = candidates.find((d) => fs.existsSync(path.join(d, "initdb")));
  if (found) return found;
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (which) return path.dirname(which);
  throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
}

export type PgCluster = {
  url: (db: string) => string;
  createDatabase: (name: string) => void;
  stop: () => void;
};

export function startPgCluster(port: number): PgCluster {
  const bin = binDir();
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-pg-"));
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    return isRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", full, ...args], {
          stdio: "pipe",
          cwd: "/",
        })
      : execFileSync(full, args, { stdio: "pipe" });
  };
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    "start",
  ]);
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    url,
    createDatabase(name) {
      run("psql", [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-c",
        `CREATE DATABASE "${name}"`,
      ]);
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
