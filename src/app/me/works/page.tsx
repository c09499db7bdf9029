import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/gallery/EmptyState";
import { ServerFeed } from "@/components/gallery/ServerFeed";
import { currentUser } from "@/lib/auth/page-guard";
import { FEED_PAGE_SIZE, toCardAsset } from "@/lib/gallery/feed-params";
import { listMyWorks } from "@/lib/gallery/works";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的作品", robots: { index: false } };

export default async function MyWorksPage() {
  const user = await currentUser();
  if (!user) redirect(signInHref("/me/works"));
  const { items, nextCursor } = await listMyWorks(user.id, { limit: FEED_PAGE_SIZE });
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5 sm:mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-black sm:text-3xl">我的作品</h1>
        <p className="mt-1 text-sm text-neutral-600">
          你发布到广场的作品，最新的在最前面。可以在这里下架或重新发布，打开作品可以编辑标题和标签。
        </p>
      </div>
      <ServerFeed
        source={{ kind: "mine" }}
        items={items.map(toCardAsset)}
        nextCursor={nextCursor}
        signedIn
        label="我的作品"
        owner
        empty={
          <EmptyState
            message="还没有发布作品"
            hint="在创作页生成图片时勾选「发布到广场」，作品就会出现在这里。"
            resetHref="/create"
            resetLabel="去创作"
          />
        }
      />
    </main>
  );
}
