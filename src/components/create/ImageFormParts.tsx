"use client";
import { useEffect, useState } from "react";
import { elapsedLabel } from "@/components/generations/format";
import { ErrorNotice, InsufficientNotice } from "./CostNotice";
import { PriceDetails } from "./PriceDetails";
import type { PriceBreakdown } from "./price";

// The parts the generate and edit forms share: the prompt box, and the footer with the
// cost notices, the estimate and the submit button.

export function PromptField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}) {
  return (
    <div>
      <label htmlFor={`${props.id}-prompt`} className="mb-1 block text-sm font-medium">
        提示词
      </label>
      <textarea
        id={`${props.id}-prompt`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        rows={3}
        maxLength={32_000}
        placeholder={props.placeholder}
        className="w-full resize-y rounded-lg border border-neutral-300 px-3 py-2 text-base focus:border-neutral-900 sm:text-sm"
      />
    </div>
  );
}

type CallState = {
  busy: boolean;
  startedAt: number | null;
  succeeded: boolean;
  error: { message: string; insufficientCredits?: boolean } | null;
  clearError: () => void;
  cancel: () => void;
};

/** "已用时 12 秒", ticking while a call runs. */
function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <span role="status" className="text-xs text-neutral-600">
      生成中 · 已用时 {elapsedLabel(now - since)}
    </span>
  );
}

export function ImageFormFooter(props: {
  call: CallState;
  noticeId: string;
  blocked: boolean;
  price: PriceBreakdown | null;
  credits: number | null;
  ready: boolean;
  label: string;
  busyLabel: string;
}) {
  const { call, noticeId, blocked, price, credits } = props;
  const estimate = price?.total ?? null;
  const short = call.error?.insufficientCredits;
  return (
    <>
      {short ? <InsufficientNotice id={noticeId} serverMessage={call.error!.message} /> : null}
      {/* After a success the shortfall is said below the result (BlockedAfterResult). */}
      {blocked && !short && !call.succeeded ? (
        <InsufficientNotice id={noticeId} estimate={estimate} credits={credits} />
      ) : null}
      {call.error && !short ? (
        <ErrorNotice message={call.error.message} onDismiss={call.clearError} />
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        {call.busy && call.startedAt ? (
          <Elapsed since={call.startedAt} />
        ) : (
          <PriceDetails price={price} />
        )}
        <div className="ml-auto flex gap-2">
          {call.busy ? (
            <button
              type="button"
              onClick={call.cancel}
              className="min-h-10 rounded-lg border border-neutral-900 px-4 text-sm font-medium"
            >
              取消
            </button>
          ) : null}
          <button
            type="submit"
            disabled={call.busy || !props.ready || blocked}
            aria-describedby={blocked ? noticeId : undefined}
            className="min-h-10 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
          >
            {call.busy
              ? props.busyLabel
              : estimate !== null
                ? `${props.label} · ${estimate} 积分`
                : props.label}
          </button>
        </div>
      </div>
    </>
  );
}

/** The shortfall for the next call, said below a successful result (never above it). */
export function BlockedAfterResult(props: {
  call: CallState;
  blocked: boolean;
  noticeId: string;
  price: PriceBreakdown | null;
  credits: number | null;
}) {
  if (!props.blocked || !props.call.succeeded || props.call.error) return null;
  return (
    <InsufficientNotice
      id={props.noticeId}
      estimate={props.price?.total ?? null}
      credits={props.credits}
    />
  );
}
