import { Field } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/styles";

// The pieces the sign-in and sign-up forms (site and /mobile shell) share.

export function EmailField({ id = "email", error }: { id?: string; error?: string | null }) {
  return (
    <Field
      id={id}
      error={error}
      name="email"
      type="email"
      label="邮箱"
      autoComplete="email"
      inputMode="email"
      required
      placeholder="you@example.com"
    />
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="rounded-lg border border-black bg-neutral-50 px-3 py-2 text-sm text-black"
    >
      {message}
    </p>
  );
}

export function SubmitButton(props: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button
      type="submit"
      disabled={props.pending}
      className={`${buttonClass("primary")} mt-2 h-11 w-full`}
    >
      {props.pending ? props.pendingLabel : props.label}
    </button>
  );
}
