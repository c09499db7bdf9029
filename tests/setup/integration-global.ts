import type { TestProject } from "vitest/node";
import { startPgCluster } from "../helpers/pg";

// TEST_DB=postgres runs the whole integration suite against a throw-away PostgreSQL cluster.
export default function setup(project: TestProject) {
  if (process.env.TEST_DB !== "postgres") {
    project.provide("pgPort", 0);
    return;
  }
  const port = 25000 + Math.floor(Math.random() * 5000);
  const cluster = startPgCluster(port);
  project.provide("pgPort", port);
  return () => cluster.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgPort: number;
  }
}
