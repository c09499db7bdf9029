import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WorkView } from "@/components/gallery/work/WorkView";
import { loadWorkPage, siteOrigin } from "@/lib/gallery/work-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// Shared links preview with the picture (or the video's poster) on chat apps and social sites.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadWorkPage((await params).id);
  if (!data) return { title: "作品不存在" };
  const { work } = data;
  const origin = await siteOrigin();
  const url = `${origin}/works/${encodeURIComponent(work.id)}`;
  const image = {
    url: `${origin}${work.type === "video" ? work.coverUrl : work.fullUrl}`,
    width: work.width,
    height: work.height,
    alt: work.title,
  };
  const description = excerpt(
    `${work.author?.name ?? "创作者"} 用 ${work.modelTag} 创作。${work.prompt ?? ""}`,
    160,
  );
  return {
    title: work.title,
    description,
    alternates: { canonical: url },
    robots: work.published ? undefined : { index: false },
    openGraph: {
      type: work.type === "video" ? "video.other" : "article",
      url,
      title: work.title,
      description,
      siteName: "AIGC Studio",
      images: [image],
      ...(work.type === "video" && work.videoUrl
        ? { videos: [{ url: `${origin}${work.videoUrl}`, width: work.width, height: work.height }] }
        : {}),
    },
    twitter: {
      card: "summary_large_image",
      title: work.title,
      description,
      images: [image.url],
    },
  };
}

export default async function WorkPage({ params }: Props) {
  const data = await loadWorkPage((await params).id);
  if (!data) notFound();
  return (
    <main id="main" className="mx-auto max-w-[1400px] px-0 pt-0 pb-16 sm:px-6 sm:pt-6">
      <div className="overflow-hidden border-neutral-200 sm:rounded-2xl sm:border">
        <WorkView {...data} variant="page" />
      </div>
    </main>
  );
}
