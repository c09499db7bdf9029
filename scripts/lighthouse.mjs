#!/usr/bin/env node
// `npm run lighthouse`: mobile Lighthouse of `/` and of a work page on the production build.
// Builds if needed, starts the app on a throw-away data dir (scripts/e2e-server.mjs), runs
// lighthouse@13 with Debian's Chromium, prints the four category scores and the key metrics of
// each page, writes the full JSON to test-results/lighthouse/, and stops the server.
// Scores move from run to run (CPU contention), so each page runs LIGHTHOUSE_RUNS times (default
// 3) and the run with the median performance score is reported, as Lighthouse's docs advise.
// LIGHTHOUSE_PATH picks the pages (comma-separated; default "/,work", where `work` is the page
// of the gallery's top image work); LIGHTHOUSE_MIN_PERFORMANCE=95 makes a lower median
// performance score on any page fail the command.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";
import { startServer } from "./e2e-server.mjs";

const CHROME_FLAGS =
  "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run";
const port = Number(process.env.LIGHTHOUSE_PORT) || 3219;
const pagePaths = (process.env.LIGHTHOUSE_PATH || "/,work")
  .split(",")
  .map((p) => p.trim())
  .filter(Boolean);
const outDir = path.join(root, "test-results", "lighthouse");
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS) || 3);

function lighthouse(url, outFile) {
  return new Promise((resolve) => {
    const args = [
      path.join(root, "node_modules/lighthouse/cli/index.js"),
      url,
      "--output=json",
      `--output-path=${outFile}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      `--chrome-flags=${CHROME_FLAGS}`,
      "--quiet",
    ];
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || "/usr/bin/chromium" },
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** `work` → the page of the gallery's top image work on this server; other paths as given. */
async function resolvePath(base, p) {
  if (p !== "work") return p;
  const res = await fetch(`${base}/api/assets?type=image&sort=hot&limit=1`);
  const [work] = (await res.json()).items;
  if (!work) throw new Error("the gallery has no work to audit");
  return `/works/${encodeURIComponent(work.id)}`;
}

/** Runs one page `runs` times; returns its median-performance report. */
async function auditPage(base, pagePath, slug) {
  const url = `${base}${pagePath}`;
  const reports = [];
  // Warm the server (first render, media cache) so the audit measures the page, not the boot.
  for (let i = 0; i < 2; i++) await (await fetch(url)).text();
  for (let i = 1; i <= runs; i++) {
    const file = path.join(outDir, `${slug}-run-${i}.json`);
    console.log(`› lighthouse (mobile) ${url} — run ${i}/${runs}`);
    const code = await lighthouse(url, file);
    if (code !== 0 || !fs.existsSync(file)) throw new Error(`lighthouse failed (exit ${code})`);
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    reports.push({ file, report, perf: report.categories.performance.score ?? 0 });
    console.log(`  performance ${Math.round(reports.at(-1).perf * 100)}`);
  }
  reports.sort((a, b) => a.perf - b.perf);
  const median = reports[Math.floor(reports.length / 2)];
  const outFile = path.join(outDir, `report-${slug}.json`);
  fs.copyFileSync(median.file, outFile);
  return { pagePath, outFile, report: median.report, all: reports.map((r) => r.perf) };
}

fs.mkdirSync(outDir, { recursive: true });
const server = await startServer({ port, quiet: true });
const results = [];
try {
  for (const [i, p] of pagePaths.entries()) {
    const pagePath = await resolvePath(server.url, p);
    const slug = p === "work" ? "work" : p === "/" ? "home" : `page-${i + 1}`;
    results.push(await auditPage(server.url, pagePath, slug));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await server.stop();
}
if (process.exitCode) process.exit(process.exitCode);

const min = Number(process.env.LIGHTHOUSE_MIN_PERFORMANCE || 0);
for (const { pagePath, outFile, report, all } of results) {
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const metric = (id) => report.audits[id]?.displayValue ?? "–";
  console.log(
    `\nLighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor}, ${pagePath} — median of ${all.length} run(s) [${all.map((s) => Math.round(s * 100)).join(", ")}]`,
  );
  console.log(`  performance     ${score("performance")}`);
  console.log(`  accessibility   ${score("accessibility")}`);
  console.log(`  best-practices  ${score("best-practices")}`);
  console.log(`  seo             ${score("seo")}`);
  console.log(
    `  FCP ${metric("first-contentful-paint")} · LCP ${metric("largest-contentful-paint")} · TBT ${metric("total-blocking-time")} · CLS ${metric("cumulative-layout-shift")} · SI ${metric("speed-index")}`,
  );
  for (const cat of ["accessibility", "best-practices", "seo"]) {
    const failing = report.categories[cat].auditRefs
      .map((ref) => report.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary");
    for (const a of failing) console.log(`  ✗ ${cat}: ${a.title}`);
  }
  console.log(`  full report: ${path.relative(root, outFile)}`);
  if (min && score("performance") < min) {
    console.error(
      `${pagePath}: performance ${score("performance")} is below LIGHTHOUSE_MIN_PERFORMANCE=${min}`,
    );
    process.exitCode = 1;
  }
}
