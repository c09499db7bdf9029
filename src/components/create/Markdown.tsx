"use client";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Assistant replies are Markdown. No raw HTML is rendered (react-markdown's default), so a reply
// can never inject markup; links open in a new tab without an opener.

const components: Components = {
  p: ({ node: _n, ...props }) => (
    <p className="my-2 leading-relaxed first:mt-0 last:mb-0" {...props} />
  ),
  a: ({ node: _n, ...props }) => (
    <a
      className="underline underline-offset-2"
      target="_blank"
      rel="noopener noreferrer"
      {...props}
    />
  ),
  ul: ({ node: _n, ...props }) => <ul className="my-2 list-disc space-y-1 pl-5" {...props} />,
  ol: ({ node: _n, ...props }) => <ol className="my-2 list-decimal space-y-1 pl-5" {...props} />,
  h1: ({ node: _n, ...props }) => <h3 className="mt-3 mb-2 text-base font-semibold" {...props} />,
  h2: ({ node: _n, ...props }) => <h3 className="mt-3 mb-2 text-base font-semibold" {...props} />,
  h3: ({ node: _n, ...props }) => <h4 className="mt-3 mb-1 font-semibold" {...props} />,
  blockquote: ({ node: _n, ...props }) => (
    <blockquote className="my-2 border-l-2 border-neutral-300 pl-3 text-neutral-600" {...props} />
  ),
  pre: ({ node: _n, ...props }) => (
    <pre
      className="my-2 overflow-x-auto rounded-lg bg-neutral-950 p-3 text-[13px] leading-relaxed text-neutral-100"
      {...props}
    />
  ),
  code: ({ className, children, node: _n, ...props }) =>
    className?.startsWith("language-") || String(children).includes("\n") ? (
      <code className={`font-mono ${className ?? ""}`} {...props}>
        {children}
      </code>
    ) : (
      <code className="rounded bg-neutral-100 px-1 py-0.5 font-mono text-[0.9em]" {...props}>
        {children}
      </code>
    ),
  table: ({ node: _n, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" {...props} />
    </div>
  ),
  th: ({ node: _n, ...props }) => (
    <th className="border border-neutral-300 bg-neutral-50 px-2 py-1 font-semibold" {...props} />
  ),
  td: ({ node: _n, ...props }) => <td className="border border-neutral-300 px-2 py-1" {...props} />,
};

export function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
      {text}
    </ReactMarkdown>
  );
}
