import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { QuotaStrip } from "@/components/account/QuotaList";
import { CreateStudio, type StudioPrefill } from "@/components/create/CreateStudio";
import { currentUser } from "@/lib/auth/page-guard";
import { type AssetPrefill, getAssetPrefill, getEnabledModelSlug } from "@/lib/gallery/prefill";
import { signInHref } from "@/lib/safe-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "创作" };

type Search = Promise<{ asset?: string | string[]; model?: string | string[] }>;

/** What the page says about a 复用: what was loaded, and plainly when the model was replaced. */
function prefillNotice(found: AssetPrefill): string {
  const { model } = found;
  if (model.available)
    return `已载入作品的提示词、参数和模型「${model.chosen?.name}」，可修改后生成。`;
  if (model.chosen)
    return `已载入作品的提示词和参数。原作品使用的模型「${model.requested.name}」在本站不可用，已改用「${model.chosen.name}」。`;
  // No model of the work's kind here: say so, keep the prompt.
  return found.type === "video"
    ? `已载入作品的提示词。原作品使用的视频模型「${model.requested.name}」在本站不可用，本站暂无其他视频模型。`
    : `已载入作品的提示词和参数。原作品使用的模型「${model.requested.name}」在本站不可用，请在下方选择一个模型。`;
}

export default async function CreatePage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const assetId = typeof sp.asset === "string" ? sp.asset : undefined;
  const modelParam = typeof sp.model === "string" ? sp.model : undefined;
  const user = await currentUser();
  if (!user) {
    const q = new URLSearchParams();
    if (assetId) q.set("asset", assetId);
    if (modelParam) q.set("model", modelParam);
    redirect(signInHref(q.size ? `/create?${q}` : "/create"));
  }
  const found = assetId ? await getAssetPrefill(assetId, user.id, "auto") : null;
  const modelSlug = !found && modelParam ? await getEnabledModelSlug(modelParam) : null;
  // Gallery works are pictures and clips: a picture resumes in 生成图片, a clip in 视频.
  const prefill: StudioPrefill = found
    ? found.type === "video"
      ? {
          tab: "video",
          prompt: found.prompt,
          model: found.model.chosen?.slug ?? null,
          size: found.params.size,
          seconds: Number(found.params.seconds) || undefined,
        }
      : {
          tab: "generate",
          prompt: found.prompt,
          model: found.model.chosen?.slug ?? null,
          size: found.params.size,
          quality: found.params.quality,
        }
    : modelSlug
      ? { tab: "generate", prompt: "", model: modelSlug }
      : null;

  return (
    <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="mb-1 text-xl font-semibold">创作</h1>
      <p className="mb-4 text-sm text-neutral-500">
        与文本模型对话，生成、编辑图片或视频。每次调用按模型定价扣除积分，生成的作品都保存在下方「我的生成」。
      </p>
      {assetId && !found ? (
        <p className="mb-4 text-sm text-neutral-600">
          要复用的作品不存在或已被删除，已为你打开空白创作页。
        </p>
      ) : null}
      {found ? (
        <p role="status" className="mb-4 text-sm text-neutral-700">
          {prefillNotice(found)}
        </p>
      ) : null}
      {modelParam && !found && !modelSlug ? (
        <p className="mb-4 text-sm text-neutral-600">
          模型「{modelParam}」在本站不可用，请另选一个。
        </p>
      ) : null}
      <QuotaStrip />
      <CreateStudio prefill={prefill} />
    </main>
  );
}
