// The @modal slot is empty unless a work is opened from a page of this site (see (.)works).
export default function NoModal() {
  return null;
}
