#!/usr/bin/env node
// `npm start`: build once (again only when sources change), then serve the production app.
// Migrations, the admin account, seed data and the built-in mock provider are applied at boot.
import { ensureBuild, run, serverBin, serverEnv } from "./lib.mjs";

const code = await ensureBuild();
if (code !== 0) process.exit(code);
const port = process.env.PORT || "3000";
process.exit(
  await run(process.execPath, [serverBin, "-p", port], { ...serverEnv(), NODE_ENV: "production" }),
);
