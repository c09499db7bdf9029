import Link from "next/link";

type Props = {
  title: string;
  subtitle: string;
  children: React.ReactNode;
  footer: React.ReactNode;
};

export function AuthCard({ title, subtitle, children, footer }: Props) {
  return (
    <main id="main" className="flex justify-center px-4 pt-10 pb-20 sm:pt-20">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-neutral-600">{subtitle}</p>
        <div className="mt-8">{children}</div>
        <p className="mt-6 text-center text-sm text-neutral-600">{footer}</p>
        <p className="mt-10 text-center text-xs text-neutral-500">
          <Link href="/" className="underline-offset-4 hover:text-black hover:underline">
            ← 返回广场
          </Link>
        </p>
      </div>
    </main>
  );
}
