import { notFound } from "next/navigation";
import { WorkOverlay } from "@/components/gallery/work/WorkOverlay";
import { WorkView } from "@/components/gallery/work/WorkView";
import { loadWorkPage } from "@/lib/gallery/work-page";

export const dynamic = "force-dynamic";

// A work opened from a page of this site (a card, a related work): the same view as /works/[id],
// in a dialog over that page. A direct visit or a reload renders the full page instead.
export default async function WorkModal({ params }: { params: Promise<{ id: string }> }) {
  const data = await loadWorkPage((await params).id);
  if (!data) notFound();
  return (
    <WorkOverlay title={data.work.title}>
      <WorkView {...data} variant="overlay" />
    </WorkOverlay>
  );
}
