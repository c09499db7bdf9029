import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { QuotaStrip } from "@/components/account/QuotaList";
import { CreateStudio, type StudioPrefill } from "@/components/create/CreateStudio";
import { getAssetPrefill } from "@/lib/assets/prefill";
import { currentUser } from "@/lib/auth/page-guard";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "创作" };

type Search = Promise<{ asset?: string | string[] }>;

export default async function CreatePage({ searchParams }: { searchParams: Search }) {
  const { asset } = await searchParams;
  const assetId = typeof asset === "string" ? asset : undefined;
  const user = await currentUser();
  if (!user) {
    const back = assetId ? `/create?asset=${encodeURIComponent(assetId)}` : "/create";
    redirect(signInHref(back));
  }
  const found = assetId ? await getAssetPrefill(assetId) : null;
  // Gallery assets are pictures and clips, so their prompt belongs to image generation.
  const prefill: StudioPrefill = found
    ? { tab: "generate", prompt: found.prompt, model: found.modelSlug }
    : null;

  return (
    <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="mb-1 text-xl font-semibold">创作</h1>
      <p className="mb-4 text-sm text-neutral-500">
        与文本模型对话，或生成、编辑图片。每次调用按模型定价扣除积分。
      </p>
      {assetId && !found ? (
        <p className="mb-4 text-sm text-neutral-600">
          要复用的作品不存在或已被删除，已为你打开空白创作页。
        </p>
      ) : null}
      {found ? (
        <p className="mb-4 text-sm text-neutral-600">
          已载入作品的提示词{found.modelSlug ? "和模型" : ""}，可修改后生成。
        </p>
      ) : null}
      <QuotaStrip />
      <CreateStudio prefill={prefill} />
    </main>
  );
}
