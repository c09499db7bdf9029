"use client";
import { ErrorNotice, EstimateLine, InsufficientNotice } from "./CostNotice";

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
  error: { message: string; insufficientCredits?: boolean } | null;
  clearError: () => void;
};

export function ImageFormFooter(props: {
  call: CallState;
  noticeId: string;
  blocked: boolean;
  estimate: number | null;
  credits: number | null;
  ready: boolean;
  label: string;
  busyLabel: string;
}) {
  const { call, noticeId, blocked, estimate, credits } = props;
  const short = call.error?.insufficientCredits;
  return (
    <>
      {short ? <InsufficientNotice id={noticeId} serverMessage={call.error!.message} /> : null}
      {blocked && !short ? (
        <InsufficientNotice id={noticeId} estimate={estimate} credits={credits} />
      ) : null}
      {call.error && !short ? (
        <ErrorNotice message={call.error.message} onDismiss={call.clearError} />
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <EstimateLine estimate={estimate} />
        <button
          type="submit"
          disabled={call.busy || !props.ready || blocked}
          aria-describedby={blocked ? noticeId : undefined}
          className="ml-auto min-h-10 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
        >
          {call.busy ? props.busyLabel : props.label}
        </button>
      </div>
    </>
  );
}
