#!/usr/bin/env node
// `npm run build:cap`: the static export of the /mobile app shell, written to out-cap/ (the
// Capacitor webDir). NEXT_PUBLIC_API_BASE_URL (the server the app talks to) is baked in now.
//
// Why a staging copy: with `output: "export"` Next always keeps its build intermediates in
// `.next`, which is also where the web build lives. Building in .cap-build/ (a copy of the
// sources; node_modules linked) leaves the web build — and a server running from it — untouched.
import fs from "node:fs";
import path from "node:path";
import { nextBin, root, run } from "./lib.mjs";

const stage = path.join(root, ".cap-build");
const outDir = path.resolve(root, process.env.CAP_OUT_DIR || "out-cap");
const COPY = [
  "src",
  "public",
  "next.config.mjs",
  "tsconfig.json",
  "postcss.config.mjs",
  "package.json",
];

const api = process.env.NEXT_PUBLIC_API_BASE_URL ?? "";
if (!api)
  console.warn(
    "› NEXT_PUBLIC_API_BASE_URL is empty: the app will call the origin that serves it (fine for a web copy, not for a device build).",
  );

fs.mkdirSync(stage, { recursive: true });
for (const name of COPY) {
  const to = path.join(stage, name);
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.existsSync(path.join(root, name)))
    fs.cpSync(path.join(root, name), to, { recursive: true });
}
const link = path.join(stage, "node_modules");
if (!fs.existsSync(link)) fs.symlinkSync(path.join(root, "node_modules"), link, "dir");

console.log(`› building the app shell (static export) for API ${api || "(same origin)"}…`);
const code = await run(process.execPath, [nextBin, "build", stage], {
  BUILD_TARGET: "cap",
  CAP_OUT_DIR: "out-cap",
  // node_modules is a link into the repository: let the bundler see the whole repository.
  CAP_TURBOPACK_ROOT: root,
});
if (code !== 0) process.exit(code);

fs.rmSync(outDir, { recursive: true, force: true });
fs.renameSync(path.join(stage, "out-cap"), outDir);
console.log(
  `› app shell written to ${path.relative(root, outDir)}/ (open index.html through any static server, or run npm run cap:copy)`,
);
