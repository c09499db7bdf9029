import { describe, expect, it } from "vitest";
import { readSseData } from "@/lib/client/sse";

// The browser's SSE reader must cope with events split anywhere by the network.

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

async function collect(parts: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const d of readSseData(streamOf(parts))) out.push(d);
  return out;
}

describe("readSseData", () => {
  it("yields each event's data, in order", async () => {
    expect(await collect(['data: {"a":1}\n\n', 'data: {"b":2}\n\n', "data: [DONE]\n\n"])).toEqual([
      '{"a":1}',
      '{"b":2}',
      "[DONE]",
    ]);
  });

  it("joins events split mid-line and mid-character across chunks", async () => {
    const whole = 'data: {"t":"你好"}\n\n';
    const bytes = new TextEncoder().encode(whole);
    // Split inside the multi-byte 你 to prove the decoder is streaming.
    const cut = whole.indexOf("你") + 7;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const out: string[] = [];
    for await (const d of readSseData(stream)) out.push(d);
    expect(out).toEqual(['{"t":"你好"}']);
  });

  it("handles CRLF, multi-line data, comments and a last event without a blank line", async () => {
    expect(
      await collect([
        ": keep-alive\r\n\r\n",
        "event: x\r\ndata: line1\r\ndata: line2\r\n\r\n",
        "data:tail",
      ]),
    ).toEqual(["line1\nline2", "tail"]);
  });
});
