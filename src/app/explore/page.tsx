import type { Metadata } from "next";
import { EmptyState } from "@/components/gallery/EmptyState";
import { ExploreFilters } from "@/components/gallery/ExploreFilters";
import { ServerFeed } from "@/components/gallery/ServerFeed";
import { listFacets } from "@/lib/gallery/facets";
import {
  FIRST_RENDER_SIZE,
  type FeedParams,
  parseFeedParams,
  toCardAsset,
} from "@/lib/gallery/feed-params";
import { listAssets } from "@/lib/gallery/gallery";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "探索",
  description: "按类型、标签和模型筛选 AI 图像与视频作品。",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "#夜景、模型 Sora、视频" — the active filters, for the empty state. */
function describe(p: FeedParams): string {
  const parts = [
    p.tag ? `#${p.tag}` : null,
    p.model ? `模型 ${p.model}` : null,
    p.type === "image" ? "图片" : p.type === "video" ? "视频" : null,
  ].filter(Boolean);
  return parts.map((s) => `「${s}」`).join("、");
}

export default async function Explore({ searchParams }: Props) {
  const { ignored, ...params } = parseFeedParams(await searchParams);
  // The same page for every visitor, like / (see there).
  const [page, facets] = await Promise.all([
    listAssets({ ...params, limit: FIRST_RENDER_SIZE }, null),
    listFacets(params),
  ]);
  const filters = describe(params);
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5">
        <h1 className="text-2xl font-semibold tracking-tight text-black sm:text-3xl">探索</h1>
        <p className="mt-1 text-sm text-neutral-600">
          按类型、标签和模型找到灵感，筛选条件会保存在链接里。
        </p>
      </div>
      <ExploreFilters params={params} ignored={ignored} facets={facets}>
        <ServerFeed
          source={{ kind: "assets", params }}
          items={page.items.map(toCardAsset)}
          nextCursor={page.nextCursor}
          empty={
            <EmptyState
              message={filters ? `没有同时符合${filters}的作品` : "还没有作品"}
              hint="移除上面的某个条件试试，或者去创作第一件作品。"
              resetHref="/explore"
            />
          }
        />
      </ExploreFilters>
    </main>
  );
}
