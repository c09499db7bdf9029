// OpenAI's `encoding_format: "base64"` for embeddings: each vector as Float32 little-endian
// bytes, base64. Shared by the gateway (answers clients that ask for it, reads providers that
// send it anyway) and the built-in mock provider.

export function floatsToBase64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

export function base64ToFloats(b64: string): number[] {
  const buf = Buffer.from(b64, "base64");
  const out: number[] = [];
  for (let i = 0; i + 4 <= buf.length; i += 4) out.push(buf.readFloatLE(i));
  return out;
}
