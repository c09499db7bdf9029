import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect } from "vitest";
import { api, type App } from "./app";
import { sqlQuery } from "./db";
import { buildMultipart, type Part } from "./multipart";

// Image tool suites: a product photo (a red disc on a light grey backdrop, so background removal
// has something to find), reading results back as a client would, and the "nothing left behind"
// checks (no hold, no temp dir, no stored input, no task row).

export const PHOTO_BG = "#eeeeee";

/** A 640×480 product shot: a red disc centred on a plain light backdrop. */
export async function photo(width = 640, height = 480, format: "png" | "jpeg" = "png") {
  const r = Math.round(Math.min(width, height) * 0.3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${PHOTO_BG}"/><circle cx="${width / 2}" cy="${height / 2}" r="${r}" fill="#c03030"/></svg>`;
  const img = sharp(Buffer.from(svg));
  return format === "png" ? img.png().toBuffer() : img.jpeg({ quality: 95 }).toBuffer();
}

export const dataUrl = (bytes: Buffer, mime = "image/png") =>
  `data:${mime};base64,${bytes.toString("base64")}`;

export type Picture = {
  width: number;
  height: number;
  format: string;
  hasAlpha: boolean;
  /** RGBA of one pixel. */
  at: (x: number, y: number) => [number, number, number, number];
};

export async function readPicture(bytes: Buffer): Promise<Picture> {
  const meta = await sharp(bytes).metadata();
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: meta.width!,
    height: meta.height!,
    format: meta.format!,
    hasAlpha: !!meta.hasAlpha,
    at: (x, y) => {
      const o = (y * info.width + x) * 4;
      return [data[o], data[o + 1], data[o + 2], data[o + 3]];
    },
  };
}

/** Downloads a media URL the way any client would (no auth) and decodes it. */
export async function fetchPicture(url: string): Promise<Picture> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return readPicture(Buffer.from(await res.arrayBuffer()));
}

/** POSTs a multipart body with a bearer token. */
export async function postMultipart(app: App, token: string, pathname: string, parts: Part[]) {
  const { body, contentType } = buildMultipart(parts);
  const res = await fetch(`${app.url}${pathname}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const imagePart = (data: Buffer, name = "image", type = "image/png"): Part => ({
  name,
  filename: `${name}.png`,
  data,
  type,
});

/** Every stored input file (DATA_DIR/media/inputs/…). */
export function storedInputs(app: App): string[] {
  const root = path.join(app.dataDir, "media", "inputs");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /\.\w+$/.test(f));
}

export async function taskCount(app: App, userId: string): Promise<number> {
  const [row] = await sqlQuery<{ n: number | string }>(
    app.databaseUrl,
    `select count(*) as n from tasks where "userId" = ?`,
    [userId],
  );
  return Number(row.n);
}

/** users.credits = Σ delta over pending and success rows, for this user; no hold left pending. */
export async function expectUserLedger(app: App, userId: string): Promise<number> {
  const [u] = await sqlQuery<{
    credits: number;
    sum: number | string | null;
    pending: number | string;
  }>(
    app.databaseUrl,
    `select u.credits,
       (select sum(delta) from credit_transactions t where t."userId" = u.id and t.status in ('pending', 'success')) as sum,
       (select count(*) from credit_transactions t where t."userId" = u.id and t.status = 'pending') as pending
     from users u where u.id = ?`,
    [userId],
  );
  expect(Number(u.sum ?? 0), "balance = ledger").toBe(Number(u.credits));
  expect(Number(u.pending), "no pending hold").toBe(0);
  return Number(u.credits);
}

export async function balance(app: App, token: string): Promise<number> {
  const res = await api(app, token)("/api/credits/balance");
  expect(res.status).toBe(200);
  return res.body.credits as number;
}
