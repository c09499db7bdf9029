export const TYPE_OPTIONS = [
  { value: "all", label: "全部" },
  { value: "image", label: "图片" },
  { value: "video", label: "视频" },
] as const;

export const SORT_OPTIONS = [
  { value: "hot", label: "热门" },
  { value: "new", label: "最新" },
] as const;
