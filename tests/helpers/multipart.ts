import { randomBytes } from "node:crypto";
import sharp from "sharp";

// Hand-built multipart bodies, so tests can send exactly the bytes they mean (including broken ones).

export type Part =
  { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

export function buildMultipart(
  parts: Part[],
  boundary = `----aigc${randomBytes(8).toString("hex")}`,
) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if ("filename" in p)
      head += `; filename="${p.filename}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}`;
    chunks.push(
      Buffer.from(`${head}\r\n\r\n`),
      "data" in p ? p.data : Buffer.from(p.value),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
    boundary,
  };
}

/** A real image of the given size; the colour makes images distinguishable. */
export function makeImage(
  width: number,
  height: number,
  format: "png" | "jpeg" | "webp" = "png",
  color = "#3366cc",
) {
  const img = sharp({ create: { width, height, channels: 4, background: color } });
  return format === "png"
    ? img.png().toBuffer()
    : format === "jpeg"
      ? img.jpeg().toBuffer()
      : img.webp().toBuffer();
}
