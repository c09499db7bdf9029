"use client";
import { useSession } from "./session";

export function CreateTab({ onNeedSignIn }: { onNeedSignIn: () => void }) {
  const { session } = useSession();
  if (session.status !== "signedIn") {
    return (
      <div className="flex flex-col items-center gap-3 p-8 text-center">
        <p className="text-sm text-neutral-600">登录后即可对话和生成图片</p>
        <button type="button" onClick={onNeedSignIn} className="h-10 rounded-full bg-black px-5 text-sm text-white">
          去登录
        </button>
      </div>
    );
  }
  return <p className="p-6 text-sm text-neutral-600">创作面板加载中…</p>;
}
