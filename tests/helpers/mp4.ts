// A minimal ISO-BMFF (MP4) box walker: enough to tell an H.264 MP4 from anything else without
// ffmpeg — its brand, the codec of its video sample entry (avc1), frame size and duration.

type Box = { type: string; start: number; end: number; body: number };

function* boxes(buf: Buffer, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = end - at;
    if (size < 8 || at + size > end) return;
    yield { type, start: at, end: at + size, body };
    at += size;
  }
}

const find = (buf: Buffer, parent: { body: number; end: number }, type: string) =>
  [...boxes(buf, parent.body, parent.end)].find((b) => b.type === type);

export type Mp4Info = {
  brand: string;
  codec: string | null;
  width: number;
  height: number;
  durationSec: number;
};

export function inspectMp4(buf: Buffer): Mp4Info {
  const top = [...boxes(buf, 0, buf.length)];
  const ftyp = top.find((b) => b.type === "ftyp");
  const moov = top.find((b) => b.type === "moov");
  if (!ftyp || !moov) throw new Error("not an MP4 (no ftyp/moov)");
  const mvhd = find(buf, moov, "mvhd")!;
  const v1 = buf[mvhd.body] === 1;
  const timescale = buf.readUInt32BE(mvhd.body + (v1 ? 20 : 12));
  const duration = v1
    ? Number(buf.readBigUInt64BE(mvhd.body + 24))
    : buf.readUInt32BE(mvhd.body + 16);
  for (const trak of boxes(buf, moov.body, moov.end)) {
    if (trak.type !== "trak") continue;
    const mdia = find(buf, trak, "mdia");
    const hdlr = mdia && find(buf, mdia, "hdlr");
    if (!hdlr || buf.toString("latin1", hdlr.body + 8, hdlr.body + 12) !== "vide") continue;
    const stbl = find(buf, find(buf, mdia, "minf")!, "stbl")!;
    const stsd = find(buf, stbl, "stsd")!;
    // stsd: version/flags (4) + entry count (4), then sample entries (boxes).
    const entry = [...boxes(buf, stsd.body + 8, stsd.end)][0];
    // Visual sample entry: 6 reserved + 2 index + 16 pre-defined, then width and height.
    return {
      brand: buf.toString("latin1", ftyp.body, ftyp.body + 4),
      codec: entry?.type ?? null,
      width: entry ? buf.readUInt16BE(entry.body + 24) : 0,
      height: entry ? buf.readUInt16BE(entry.body + 26) : 0,
      durationSec: duration / timescale,
    };
  }
  throw new Error("no video track");
}
