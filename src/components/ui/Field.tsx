type Props = React.InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
  /** Shown under the input and tied to it (aria-invalid, aria-describedby). */
  error?: string | null;
};

export function Field({ id, label, hint, error, className = "", ...input }: Props) {
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-neutral-900">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`h-11 rounded-lg border border-neutral-300 bg-white px-3 text-base text-neutral-900 placeholder:text-neutral-400 focus:border-black focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-black aria-[invalid=true]:border-black sm:text-sm ${className}`}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-neutral-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-black">
          ⚠ {error}
        </p>
      )}
    </div>
  );
}
