import type { Asset } from "./schemas";

// Generated clips carry no speech, and the site has no transcript of any sound they may have.
// Their captions say so, with the work's title, for the whole clip — better than a player with no
// caption track, which leaves a deaf viewer guessing whether something is being said.

const stamp = (sec: number) => {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
};

export function captionsFor(work: Pick<Asset, "title" | "durationSec">): string {
  const end = work.durationSec && work.durationSec > 0 ? work.durationSec : 3600;
  const title = work.title.replace(/-->/g, "→").replace(/\s+/g, " ").trim();
  return `WEBVTT\n\n1\n${stamp(0)} --> ${stamp(end)}\n[无对白] ${title}\n`;
}
