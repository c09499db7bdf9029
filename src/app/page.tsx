import { FilterBar } from "@/components/gallery/FilterBar";
import { ServerFeed } from "@/components/gallery/ServerFeed";
import { FIRST_RENDER_SIZE, parseFeedParams, toCardAsset } from "@/lib/gallery/feed-params";
import { listAssets } from "@/lib/gallery/gallery";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Home({ searchParams }: Props) {
  const { type, sort } = parseFeedParams(await searchParams);
  const params = { type, sort };
  // The same page for every visitor (the page cache serves it to all): who is looking, and
  // which of these works they like, is filled in by the Topbar's and the cards' client islands.
  const { items, nextCursor } = await listAssets({ ...params, limit: FIRST_RENDER_SIZE }, null);
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5 flex flex-col gap-4 sm:mb-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-black sm:text-3xl">广场</h1>
          <p className="mt-1 text-sm text-neutral-600">
            社区创作的 AI 图像与视频，点开作品看它是怎么做的，一键做同款。
          </p>
        </div>
        <FilterBar basePath="/" params={params} />
      </div>
      <ServerFeed
        source={{ kind: "assets", params }}
        items={items.map(toCardAsset)}
        nextCursor={nextCursor}
      />
    </main>
  );
}
