import "server-only";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { TiktokenBPE } from "js-tiktoken/lite";

// Token estimates with the real BPE ranks bundled in js-tiktoken (no network). Used for the
// pre-charge (prompt) and to bill streams whose upstream reports no usage. Estimates: for
// non-OpenAI models the count is close, not exact, which is all a hold needs.

type EncodingName = "o200k_base" | "cl100k_base";

/**
 * Counts tokens exactly as js-tiktoken's `encode(text, [], []).length` (special-token text is
 * ordinary text), keeping only what counting needs: each token's bytes, back to back in one
 * buffer, and an open-addressing hash table from those bytes to the rank. No JS object per token:
 * both tables take ~6 MB outside the V8 heap, where a Map of 300,000 strings took ~18 MB inside it
 * (and js-tiktoken's own encoder, with a byte array per token for decoding, 232 MB). Text is
 * matched as latin1 strings (one character per byte): an ASCII piece of text, most of it, is
 * looked up with no encoding step.
 */
export class TokenCounter {
  private readonly pattern: RegExp;
  /** Every token's bytes; token `rank` is bytes[start[rank] .. start[rank + 1]). */
  private readonly bytes: Uint8Array;
  private readonly start: Uint32Array;
  /** rank + 1 per slot, 0 when empty; its size is a power of two at least twice the tokens. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(bpe: TiktokenBPE) {
    this.pattern = new RegExp(bpe.pat_str, "ug");
    // Lines are "! <first rank> <base64 token> <base64 token> …", ranks consecutive in a line.
    const lines = bpe.bpe_ranks.split("\n").filter(Boolean);
    let tokens = 0;
    let maxRank = -1;
    let size = 0;
    for (const line of lines) {
      const parts = line.split(" ");
      const last = Number.parseInt(parts[1], 10) + parts.length - 3;
      tokens += parts.length - 2;
      maxRank = Math.max(maxRank, last);
      for (let i = 2; i < parts.length; i++) size += Buffer.byteLength(parts[i], "base64");
    }
    const bytes = Buffer.alloc(size);
    const start = new Uint32Array(maxRank + 2);
    const length = new Uint32Array(maxRank + 1);
    let at = 0;
    for (const line of lines) {
      const parts = line.split(" ");
      let rank = Number.parseInt(parts[1], 10);
      for (let i = 2; i < parts.length; i++, rank++) {
        start[rank] = at;
        length[rank] = bytes.write(parts[i], at, "base64");
        at += length[rank];
      }
    }
    // The table lists ranks in order, so a token ends where the next rank starts (a rank the
    // table skips is empty).
    for (let r = 0, end = 0; r <= maxRank; r++) {
      if (length[r] === 0) start[r] = end;
      else if (start[r] !== end) throw new Error("BPE ranks out of order");
      end = start[r] + length[r];
    }
    start[maxRank + 1] = at;
    this.bytes = bytes;
    this.start = start;
    let slots = 1;
    while (slots < tokens * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    for (let r = 0; r <= maxRank; r++) {
      if (length[r] === 0) continue;
      let i = this.hashBytes(start[r], start[r] + length[r]) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = r + 1;
    }
  }

  count(text: string): number {
    let n = 0;
    for (const match of text.matchAll(this.pattern)) {
      const piece = NON_ASCII.test(match[0])
        ? Buffer.from(match[0], "utf8").toString("latin1")
        : match[0];
      n += this.rank(piece, 0, piece.length) !== -1 ? 1 : this.mergedParts(piece);
    }
    return n;
  }

  private hashBytes(from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ this.bytes[i], 0x01000193);
    return h >>> 0;
  }

  /** The rank of the token whose bytes are `piece` (latin1) from `from` to `to`; -1 if none. */
  private rank(piece: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ piece.charCodeAt(i), 0x01000193);
    const n = to - from;
    for (let i = (h >>> 0) & this.mask; ; i = (i + 1) & this.mask) {
      const r = this.slots[i] - 1;
      if (r < 0) return -1;
      const s = this.start[r];
      if (this.start[r + 1] - s !== n) continue;
      let k = 0;
      while (k < n && this.bytes[s + k] === piece.charCodeAt(from + k)) k++;
      if (k === n) return r;
    }
  }

  /**
   * Byte-pair merging of a piece (bytes as latin1) that is not one token: how many known tokens
   * it becomes.
   */
  private mergedParts(piece: string): number {
    // Every single byte is a token in both tables (js-tiktoken counts it as one regardless).
    if (piece.length === 1) return 1;
    const bounds = Array.from({ length: piece.length + 1 }, (_, i) => i);
    while (bounds.length > 2) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < bounds.length - 2; i++) {
        const rank = this.rank(piece, bounds[i], bounds[i + 2]);
        if (rank !== -1 && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best === -1) break;
      bounds.splice(best + 1, 1);
    }
    let n = 0;
    for (let i = 0; i < bounds.length - 1; i++)
      if (this.rank(piece, bounds[i], bounds[i + 1]) !== -1) n++;
    return n;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

const g = globalThis as unknown as { __aigcEncoders?: Map<EncodingName, Promise<TokenCounter>> };
const encoders = (g.__aigcEncoders ??= new Map());

// Newer OpenAI families use o200k; everything else (older GPTs, most open models) is closer
// to cl100k.
const O200K = /(^|\/)(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/i;

export function encodingFor(model: string): EncodingName {
  return O200K.test(model) ? "o200k_base" : "cl100k_base";
}

/**
 * A rank table, read as data from js-tiktoken's package (`module.exports = {…JSON…};`) rather
 * than imported: an imported module keeps its 1–2 MB source and string literal on the heap for
 * good, where this text is garbage once the counter is built.
 */
async function readRanks(name: EncodingName): Promise<TiktokenBPE> {
  const file = createRequire(path.join(process.cwd(), "package.json")).resolve(
    `js-tiktoken/ranks/${name}`,
  );
  const text = await fs.readFile(file, "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return JSON.parse(json) as TiktokenBPE;
}

function encoder(name: EncodingName): Promise<TokenCounter> {
  let e = encoders.get(name);
  if (!e) {
    // Loaded on first use (and at boot by warmTokenizers), not at import.
    e = readRanks(name).then(
      (bpe) => new TokenCounter(bpe),
      (err: unknown) => {
        encoders.delete(name); // the next call tries again
        throw err;
      },
    );
    encoders.set(name, e);
  }
  return e;
}

/** Loads both tables so the first billed call does not pay for it. */
export async function warmTokenizers(): Promise<void> {
  await Promise.all([encoder("o200k_base"), encoder("cl100k_base")]);
}

function count(enc: TokenCounter, text: string): number {
  return text ? enc.count(text) : 0;
}

export async function countTextTokens(text: string, model: string): Promise<number> {
  return count(await encoder(encodingFor(model)), text);
}

type ContentPart = {
  type?: string;
  text?: string;
  image_url?: { url?: string; detail?: string } | string;
} & Record<string, unknown>;
export type PromptMessage = {
  role: string;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: unknown;
} & Record<string, unknown>;

// Per-message framing from OpenAI's counting guide: 3 tokens around each message, 1 more for a
// name, and 3 priming the reply. Images are billed by OpenAI as 85 tokens (low detail) or tiles;
// 765 is a 1024×1024 high-detail image, a fair upper estimate without fetching the image.
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
const IMAGE_LOW = 85;
const IMAGE_DEFAULT = 765;

function partTokens(enc: TokenCounter, part: ContentPart): number {
  if (part.type === "text" && typeof part.text === "string") return count(enc, part.text);
  if (part.type === "image_url") {
    const detail = typeof part.image_url === "object" ? part.image_url?.detail : undefined;
    return detail === "low" ? IMAGE_LOW : IMAGE_DEFAULT;
  }
  return count(enc, JSON.stringify(part));
}

/** Prompt tokens of a chat request: messages with their framing, plus tool definitions. */
export async function estimatePromptTokens(
  messages: PromptMessage[],
  model: string,
  tools?: unknown,
): Promise<number> {
  const enc = await encoder(encodingFor(model));
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + count(enc, m.role);
    if (typeof m.content === "string") total += count(enc, m.content);
    else if (Array.isArray(m.content)) for (const part of m.content) total += partTokens(enc, part);
    if (m.name) total += PER_NAME + count(enc, m.name);
    if (m.tool_calls) total += count(enc, JSON.stringify(m.tool_calls));
  }
  if (tools) total += count(enc, JSON.stringify(tools));
  return total;
}

// Parts that carry media (a data: URL can be megabytes): bounded by the body size limit and
// priced as tokens above, not counted as characters of text.
const MEDIA_PARTS = new Set(["image_url", "input_audio", "file"]);

/** Characters of all message text, for the CHAT_MAX_CHARS limit. */
export function messageChars(messages: PromptMessage[]): number {
  let total = 0;
  for (const m of messages) {
    if (typeof m.content === "string") total += m.content.length;
    else if (Array.isArray(m.content))
      for (const part of m.content) {
        if (typeof part.text === "string") total += part.text.length;
        else if (!MEDIA_PARTS.has(String(part.type))) total += JSON.stringify(part).length;
      }
  }
  return total;
}
