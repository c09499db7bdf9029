"use client";
import { useEffect, useState } from "react";
import { fetchPublicSettings } from "@/lib/client/account";
import { useBalance } from "@/lib/client/balance";
import { useCreateLinks, WayOutLink } from "./links";

// One fetch of the operator's contact per page (it changes rarely; a failure just hides it).
let contactLoad: Promise<string> | null = null;
function useOperatorContact(): string {
  const [contact, setContact] = useState("");
  useEffect(() => {
    contactLoad ??= fetchPublicSettings().then(
      (s) => s.operatorContact ?? "",
      () => {
        contactLoad = null;
        return "";
      },
    );
    let live = true;
    void contactLoad.then((c) => live && setContact(c));
    return () => {
      live = false;
    };
  }, []);
  return contact;
}

/** Whether the estimated cost of the next call is more than the balance. */
export function useCostGate(estimate: number | null): { blocked: boolean; credits: number | null } {
  const { credits } = useBalance();
  return { blocked: estimate !== null && credits !== null && estimate > credits, credits };
}

/**
 * The reason a call is blocked (estimate over balance, or a 402 from the server) and the way
 * forward: how much is missing, and where credits come from (an admin grant today: the
 * operator's contact from the site settings).
 */
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
  const contact = useOperatorContact();
  const missing = estimate != null && credits != null ? estimate - credits : null;
  // The server's message may already start with the same words (and name the contact); say
  // them once.
  const server = serverMessage
    ?.replace(/^积分不足\s*[：:]\s*/, "")
    .replace(/。?如需充值请联系：.*$/, "");
  const detail =
    server ??
    `本次预计需要 ${estimate ?? "?"} 积分，当前余额 ${credits ?? 0} 积分${missing && missing > 0 ? `，还差 ${missing} 积分` : ""}。`;
  return (
    <div
      id={id}
      role="alert"
      data-testid="insufficient-notice"
      className="flex flex-col gap-1 rounded-lg border border-neutral-900 bg-neutral-50 px-3 py-2 text-sm"
    >
      <p>
        <strong className="font-semibold">积分不足</strong>：{detail}
      </p>
      <p className="text-neutral-700">
        {contact
          ? `积分目前由管理员发放，请联系运营获取：${contact}。`
          : "积分目前由管理员发放，请联系站点管理员获取。"}{" "}
        <WayOutLink href={links.credits}>查看积分</WayOutLink>
      </p>
    </div>
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
      {chat ? `一般回答约 ${estimate} 积分，按实际用量结算` : `预计消耗 ${estimate} 积分`}
    </p>
  );
}
