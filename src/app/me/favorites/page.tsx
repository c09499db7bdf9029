import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/gallery/EmptyState";
import { ServerFeed } from "@/components/gallery/ServerFeed";
import { currentUser } from "@/lib/auth/page-guard";
import { listFavorites } from "@/lib/gallery/favorites";
import { FEED_PAGE_SIZE, toCardAsset } from "@/lib/gallery/feed-params";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的收藏", robots: { index: false } };

export default async function FavoritesPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me/favorites"));
  const { items, nextCursor } = await listFavorites(user.id, { limit: FEED_PAGE_SIZE });
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5 sm:mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-black sm:text-3xl">我的收藏</h1>
        <p className="mt-1 text-sm text-neutral-600">
          最近收藏的在最前面。作者下架的作品不再显示。
        </p>
      </div>
      <ServerFeed
        source={{ kind: "favorites" }}
        items={items.map(toCardAsset)}
        nextCursor={nextCursor}
        signedIn
        label="我的收藏"
        empty={
          <EmptyState
            message="还没有收藏"
            hint="在广场里点作品右上角的心形，就会收进这里。"
            resetHref="/"
            resetLabel="去广场看看"
          />
        }
      />
    </main>
  );
}
