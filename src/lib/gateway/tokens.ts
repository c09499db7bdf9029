import "server-only";
import type { TiktokenBPE } from "js-tiktoken/lite";

// Token estimates with the real BPE ranks bundled in js-tiktoken (no network). Used for the
// pre-charge (prompt) and to bill streams whose upstream reports no usage. Estimates: for
// non-OpenAI models the count is close, not exact, which is all a hold needs.

type EncodingName = "o200k_base" | "cl100k_base";

/**
 * Counts tokens exactly as js-tiktoken's `encode(text, [], []).length` (special-token text is
 * ordinary text), keeping only the rank table: js-tiktoken also keeps a byte array per token for
 * decoding, which we never do — both tables cost 232 MB of RSS that way. A token's bytes are
 * keyed as a latin1 string (one character per byte): compact one-byte strings, and an ASCII
 * piece of text (most of it) is its own key with no encoding step.
 */
export class TokenCounter {
  private readonly ranks = new Map<string, number>();
  private readonly pattern: RegExp;

  constructor(bpe: TiktokenBPE) {
    this.pattern = new RegExp(bpe.pat_str, "ug");
    // Lines are "! <first rank> <base64 token> <base64 token> …", ranks consecutive.
    for (const line of bpe.bpe_ranks.split("\n")) {
      if (!line) continue;
      const parts = line.split(" ");
      let rank = Number.parseInt(parts[1], 10);
      for (let i = 2; i < parts.length; i++)
        this.ranks.set(Buffer.from(parts[i], "base64").toString("latin1"), rank++);
    }
  }

  count(text: string): number {
    let n = 0;
    for (const match of text.matchAll(this.pattern)) {
      const piece = NON_ASCII.test(match[0])
        ? Buffer.from(match[0], "utf8").toString("latin1")
        : match[0];
      n += this.ranks.has(piece) ? 1 : this.mergedParts(piece);
    }
    return n;
  }

  /**
   * Byte-pair merging of a piece (bytes as latin1) that is not one token: how many known tokens
   * it becomes.
   */
  private mergedParts(piece: string): number {
    const rankOf = (start: number, end: number) => this.ranks.get(piece.slice(start, end));
    // Every single byte is a token in both tables (js-tiktoken counts it as one regardless).
    if (piece.length === 1) return 1;
    const bounds = Array.from({ length: piece.length + 1 }, (_, i) => i);
    while (bounds.length > 2) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < bounds.length - 2; i++) {
        const rank = rankOf(bounds[i], bounds[i + 2]);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best === -1) break;
      bounds.splice(best + 1, 1);
    }
    let n = 0;
    for (let i = 0; i < bounds.length - 1; i++)
      if (rankOf(bounds[i], bounds[i + 1]) !== undefined) n++;
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

function encoder(name: EncodingName): Promise<TokenCounter> {
  let e = encoders.get(name);
  if (!e) {
    // The rank tables are 1–2 MB modules: loaded on first use, not at import.
    const ranks: Promise<{ default: TiktokenBPE }> =
      name === "o200k_base"
        ? import("js-tiktoken/ranks/o200k_base")
        : import("js-tiktoken/ranks/cl100k_base");
    e = ranks.then((m) => new TokenCounter(m.default));
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
