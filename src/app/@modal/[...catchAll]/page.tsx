// Navigating from an open work to any other page closes the overlay.
export default function NoModal() {
  return null;
}
