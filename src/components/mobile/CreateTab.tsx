"use client";
import { CreateStudio } from "@/components/create/CreateStudio";
import { CreateLinksProvider } from "@/components/create/links";
import { BalanceBadge } from "@/components/credits/BalanceBadge";
import { buttonClass } from "@/components/ui/styles";
import { useSession } from "./session";

// 创作: the web creator (model picker, streamed chat, images, video, my generations, cost gate),
// its requests routed through http.ts by the transport the session installs.
export function CreateTab({ onNeedSignIn }: { onNeedSignIn: () => void }) {
  const { session } = useSession();
  if (session.status === "loading") return null;
  if (session.status === "signedOut") {
    return (
      <div className="flex flex-col items-center gap-3 px-6 py-16 text-center">
        <p className="text-base font-medium">登录后开始创作</p>
        <p className="text-sm text-neutral-600">
          与文本模型对话，生成、编辑图片或视频，按模型定价扣除积分。
        </p>
        <button type="button" onClick={onNeedSignIn} className={`${buttonClass("primary")} mt-2`}>
          去登录
        </button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3 px-4 py-4">
      <div className="flex items-center justify-between">
        <p className="text-sm text-neutral-600">每次调用按模型定价扣除积分</p>
        <BalanceBadge initialCredits={session.user.credits} href={null} />
      </div>
      {/* The app build has no /credits or gallery page: the way-out links open the shell's tabs. */}
      <CreateLinksProvider value={{ credits: "#/me", gallery: "#/feed", generations: null }}>
        <CreateStudio prefill={null} />
      </CreateLinksProvider>
    </div>
  );
}
