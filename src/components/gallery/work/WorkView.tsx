import Link from "next/link";
import { feedSearch, toCardAsset } from "@/lib/gallery/feed-params";
import { layoutWall } from "@/lib/gallery/masonry";
import type { ModelChoice } from "@/lib/gallery/model-choice";
import type { Asset } from "@/lib/gallery/schemas";
import { BrickCard } from "../BrickCard";
import { FavoriteButton } from "../FavoriteButton";
import { formatCount, formatDuration } from "../format";
import { ReuseLink } from "../ReuseLink";
import { SoftNav } from "../soft-nav";
import { Wall } from "../Wall";
import { CopyButton } from "./CopyButton";
import { OwnerTools } from "./OwnerTools";
import { ViewCounter } from "./ViewCounter";
import { WorkStateProvider, WorkTags, WorkTitle } from "./work-state";

type Props = {
  work: Asset;
  viewer: { id: string; role: string } | null;
  model: ModelChoice;
  related: Asset[];
  /** "page": a direct visit (the title is the page's h1); "overlay": opened from a feed. */
  variant: "page" | "overlay";
};

const QUALITY: Record<string, string> = { hd: "高清", standard: "标准", high: "高", medium: "中" };

function paramRows(work: Asset): [string, string][] {
  const p = work.params;
  const rows: [string, string][] = [];
  rows.push(["尺寸", p.size ?? `${work.width}×${work.height}`]);
  if (work.type === "video") {
    const seconds = p.seconds ?? work.durationSec;
    if (seconds !== undefined && seconds !== null)
      rows.push(["时长", `${seconds} 秒（${formatDuration(Number(seconds))}）`]);
  }
  if (p.quality) rows.push(["质量", QUALITY[p.quality] ?? p.quality]);
  if (p.steps !== undefined) rows.push(["步数", String(p.steps)]);
  if (p.seed !== undefined) rows.push(["种子", String(p.seed)]);
  return rows;
}

const dateFormat = new Intl.DateTimeFormat("zh-CN", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "Asia/Shanghai",
});

/** A work as its page and its overlay show it: the media large, how it was made, what to do next. */
export function WorkView({ work, viewer, model, related, variant }: Props) {
  const signedIn = viewer !== null;
  const isOwner = viewer !== null && (viewer.id === work.ownerId || viewer.role === "admin");
  const Sub = variant === "page" ? "h2" : "h3";
  const sharePath = `/works/${encodeURIComponent(work.id)}`;
  const relatedCards = related.map(toCardAsset);
  const relatedLayout = layoutWall(relatedCards);
  return (
    <article data-work-id={work.id} className="flex flex-col">
      <div className="grid gap-0 lg:grid-cols-[minmax(0,1fr)_400px]">
        <div className="flex items-center justify-center bg-neutral-950 lg:min-h-[70vh] lg:rounded-l-2xl">
          {work.type === "video" && work.videoUrl ? (
            <video
              src={work.videoUrl}
              poster={work.coverUrl}
              width={work.width}
              height={work.height}
              controls
              playsInline
              preload="metadata"
              aria-label={`视频：${work.title}`}
              className="h-auto max-h-[80vh] w-full"
            >
              <track
                kind="captions"
                src={`/api/assets/${encodeURIComponent(work.id)}/captions`}
                srcLang="zh"
                label="中文"
              />
            </video>
          ) : (
            <img
              src={work.fullUrl}
              width={work.width}
              height={work.height}
              alt={work.prompt ? `${work.title}：${work.prompt}` : work.title}
              fetchPriority="high"
              decoding="async"
              // Full width with the picture's ratio reserves its box before it loads (no shift);
              // a tall picture is contained within 80 % of the screen height.
              className="h-auto max-h-[80vh] w-full object-contain"
            />
          )}
        </div>
        <WorkStateProvider
          key={work.id}
          initial={{ title: work.title, tags: work.tags, published: work.published }}
        >
          <div className="flex flex-col gap-5 p-4 sm:p-6">
            <header className="flex flex-col gap-2 pr-10">
              <WorkTitle
                level={variant === "page" ? "h1" : "h2"}
                className="text-xl leading-snug font-semibold text-black sm:text-2xl"
              />
              <p className="text-sm text-neutral-600">
                <span className="font-medium text-neutral-900">
                  {work.author?.name ?? "匿名创作者"}
                </span>
                <span aria-hidden="true"> · </span>
                <time dateTime={work.createdAt}>{dateFormat.format(new Date(work.createdAt))}</time>
              </p>
              <p className="flex gap-4 text-sm text-neutral-600 tabular-nums">
                <span>
                  <span className="sr-only">喜欢 </span>
                  <span aria-hidden="true">♥ </span>
                  {formatCount(work.likes)}
                </span>
                <span>
                  <span aria-hidden="true">浏览 </span>
                  <span className="sr-only">浏览次数 </span>
                  <ViewCounter assetId={work.id} views={work.views} />
                </span>
              </p>
            </header>

            <div className="flex flex-wrap gap-2">
              <FavoriteButton
                assetId={work.id}
                title={work.title}
                favored={work.favored ?? false}
                likes={work.likes}
                signedIn={signedIn}
                variant="button"
              />
              <ReuseLink
                assetId={work.id}
                title={work.title}
                signedIn={signedIn}
                variant="button"
              />
              <CopyButton
                text={sharePath}
                label="复制链接"
                doneLabel="链接已复制"
                className="inline-flex h-10 items-center rounded-full border border-neutral-300 px-4 text-sm font-medium text-neutral-900 hover:border-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
              />
            </div>

            {isOwner && <OwnerTools assetId={work.id} />}

            <section aria-labelledby={`prompt-${work.id}`} className="flex flex-col gap-2">
              <div className="flex items-center justify-between">
                <Sub id={`prompt-${work.id}`} className="text-sm font-semibold text-black">
                  提示词
                </Sub>
                {work.prompt && (
                  <CopyButton
                    text={work.prompt}
                    label="复制提示词"
                    className="text-sm text-neutral-600 underline-offset-4 hover:text-black hover:underline"
                  />
                )}
              </div>
              <p
                data-testid="prompt"
                className="rounded-xl bg-neutral-100 p-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-neutral-900"
              >
                {work.prompt || "作者没有公开提示词。"}
              </p>
            </section>

            <section aria-labelledby={`model-${work.id}`} className="flex flex-col gap-2">
              <Sub id={`model-${work.id}`} className="text-sm font-semibold text-black">
                模型与参数
              </Sub>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                <div className="contents">
                  <dt className="text-neutral-600">模型</dt>
                  <dd className="flex flex-wrap items-center gap-x-2 text-neutral-900">
                    <Link
                      href={`/explore${feedSearch({ model: work.modelTag })}`}
                      className="font-medium underline-offset-4 hover:underline"
                    >
                      {work.modelTag}
                    </Link>
                    {model.available && model.chosen ? (
                      <Link
                        href={`/create?model=${encodeURIComponent(model.chosen.slug)}`}
                        className="text-neutral-600 underline underline-offset-4 hover:text-black"
                      >
                        使用此模型
                      </Link>
                    ) : (
                      <span className="text-neutral-600">
                        本站暂未提供
                        {model.chosen ? `，做同款时将改用「${model.chosen.name}」` : ""}
                      </span>
                    )}
                  </dd>
                </div>
                {paramRows(work).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-neutral-600">{k}</dt>
                    <dd className="text-neutral-900 tabular-nums">{v}</dd>
                  </div>
                ))}
              </dl>
            </section>

            <WorkTags />
          </div>
        </WorkStateProvider>
      </div>

      {relatedCards.length > 0 && (
        <section aria-labelledby={`related-${work.id}`} className="p-4 sm:p-6">
          <Sub id={`related-${work.id}`} className="mb-4 text-lg font-semibold text-black">
            相关作品
          </Sub>
          <SoftNav>
            <Wall label="相关作品" vars={relatedLayout.wall}>
              {relatedCards.map((a, i) => (
                <BrickCard
                  key={a.id}
                  asset={a}
                  index={i + 6}
                  signedIn={signedIn}
                  vars={relatedLayout.bricks[i]}
                />
              ))}
            </Wall>
          </SoftNav>
        </section>
      )}
    </article>
  );
}
