// Compact counts in Chinese style: 9,876 → "9876", 12,345 → "1.2万".
export function formatCount(n: number): string {
  if (n < 10_000) return String(n);
  const wan = n / 10_000;
  return `${wan >= 100 ? Math.round(wan) : Math.round(wan * 10) / 10}万`;
}

export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return "";
  const s = Math.max(0, Math.round(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
