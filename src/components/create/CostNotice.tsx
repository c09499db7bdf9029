"use client";
import { useBalance } from "@/lib/client/balance";
import { useCreateLinks, WayOutLink } from "./links";

/** Whether the estimated cost of the next call is more than the balance. */
export function useCostGate(estimate: number | null): { blocked: boolean; credits: number | null } {
  const { credits } = useBalance();
  return { blocked: estimate !== null && credits !== null && estimate > credits, credits };
}

/** The reason a call is blocked (estimate over balance, or a 402 from the server), with the way out. */
export function InsufficientNotice({
  id,
  estimate,
  credits,
  serverMessage,
}: {
  id: string;
  estimate?: number | null;
  credits?: number | null;
  serverMessage?: string;
}) {
  const links = useCreateLinks();
  // The server's message may already start with the same words; say them once.
  const detail =
    serverMessage?.replace(/^积分不足\s*[：:]\s*/, "") ??
    `本次预计需要 ${estimate ?? "?"} 积分，当前余额 ${credits ?? 0} 积分。`;
  return (
    <p
      id={id}
      role="alert"
      className="rounded-lg border border-neutral-900 bg-neutral-50 px-3 py-2 text-sm"
    >
      <strong className="font-semibold">积分不足</strong>：{detail}{" "}
      <WayOutLink href={links.credits}>查看积分</WayOutLink>
    </p>
  );
}

export function ErrorNotice({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-start justify-between gap-3 rounded-lg border border-neutral-900 px-3 py-2 text-sm"
    >
      <span>
        <strong className="font-semibold">出错了</strong>：{message}
      </span>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="shrink-0 text-xs underline underline-offset-2"
        >
          关闭
        </button>
      ) : null}
    </div>
  );
}

export function EstimateLine({ estimate, chat }: { estimate: number | null; chat?: boolean }) {
  if (estimate === null) return null;
  return (
    <p className="text-xs text-neutral-500">
      {chat ? `预扣约 ${estimate} 积分，按实际用量结算，多余部分退回` : `预计消耗 ${estimate} 积分`}
    </p>
  );
}
