import type { Metadata } from "next";
import { ExploreFilters } from "@/components/gallery/ExploreFilters";
import { GalleryFeed } from "@/components/gallery/GalleryFeed";
import { FEED_PAGE_SIZE, feedSearch, parseFeedParams, toCardAsset } from "@/lib/gallery/feed-params";
import { listAssets, listFacets } from "@/lib/gallery/gallery";
import { currentUser } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "探索",
  description: "按类型、标签和模型筛选 AI 图像与视频作品。",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Explore({ searchParams }: Props) {
  const params = parseFeedParams(await searchParams);
  const viewer = await currentUser();
  const [page, facets] = await Promise.all([
    listAssets({ ...params, limit: FEED_PAGE_SIZE }, viewer?.id ?? null),
    listFacets(),
  ]);
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5">
        <h1 className="text-2xl font-semibold tracking-tight text-black sm:text-3xl">探索</h1>
        <p className="mt-1 text-sm text-neutral-600">
          按类型、标签和模型找到灵感，筛选条件会保存在链接里。
        </p>
      </div>
      <ExploreFilters params={params} tags={facets.tags} models={facets.models}>
        <GalleryFeed
          key={feedSearch(params)}
          params={params}
          initialItems={page.items.map(toCardAsset)}
          initialCursor={page.nextCursor}
          signedIn={viewer !== null}
          resetHref="/explore"
        />
      </ExploreFilters>
    </main>
  );
}
