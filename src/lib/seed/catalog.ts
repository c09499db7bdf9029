import { city } from "./scenes/city";
import { dunes, forest, mountains, seaside } from "./scenes/landscape";
import { deepSea, planet, stillLife } from "./scenes/nature";
import { portrait } from "./scenes/portrait";
import { poster } from "./scenes/poster";
import type { Rand } from "./scenes/svg";

// The demo gallery: works that look like what people make with image and video models, with
// the prompts, models, parameters and authors such works carry. Each image template is drawn twice
// with different seeds (and titles); the videos are the clips committed in seed-media/.

export type SeedModel = { slug: string; name: string };
export const IMAGE_MODELS = {
  flux: { slug: "flux-1-pro", name: "Flux.1 Pro" },
  sdxl: { slug: "sdxl", name: "SDXL 1.0" },
  mj: { slug: "midjourney-v6", name: "Midjourney v6" },
  dalle: { slug: "dall-e-3", name: "DALL·E 3" },
  gpt: { slug: "gpt-image-1", name: "GPT Image 1" },
  // The built-in mock model: its works can be remade here with the very same model.
  mock: { slug: "mock-image", name: "Mock Image" },
} satisfies Record<string, SeedModel>;
export const VIDEO_MODELS = {
  sora: { slug: "sora-2", name: "Sora 2" },
  kling: { slug: "kling-1.6", name: "Kling 1.6" },
  runway: { slug: "runway-gen-3", name: "Runway Gen-3" },
  vidu: { slug: "vidu-2", name: "Vidu 2.0" },
} satisfies Record<string, SeedModel>;

export const AUTHORS = [
  "山川入画",
  "夜行霓虹",
  "纸上人间",
  "字研所",
  "星海拾光",
  "林间有风",
  "动态实验室",
  "静物小馆",
] as const;

type Draw = (r: Rand, w: number, h: number) => string;

export type ImageTemplate = {
  titles: [string, string];
  prompt: string;
  draw: Draw;
  /** width : height */
  ratio: [number, number];
  tags: string[];
  models: [SeedModel, SeedModel];
  author: number;
  quality?: "hd" | "standard";
};

const { flux, sdxl, mj, dalle, gpt, mock } = IMAGE_MODELS;

export const IMAGE_TEMPLATES: ImageTemplate[] = [
  {
    titles: ["雾中山谷", "晨曦远山"],
    prompt:
      "misty mountain valley at dawn, layered ridges fading into haze, soft golden sun, aerial perspective, matte painting, ultra detailed",
    draw: (r, w, h) => mountains(r, w, h, "dawn", false),
    ratio: [3, 2],
    tags: ["风景", "自然", "电影感"],
    models: [flux, mj],
    author: 0,
  },
  {
    titles: ["湖光倒影", "镜湖"],
    prompt:
      "alpine lake reflecting blue mountains on a clear day, calm water, birds in the sky, landscape photography, wide angle",
    draw: (r, w, h) => mountains(r, w, h, "day", true),
    ratio: [4, 5],
    tags: ["风景", "自然", "摄影"],
    models: [sdxl, mock],
    author: 0,
  },
  {
    titles: ["暮色群山", "紫色黄昏"],
    prompt:
      "purple dusk over endless mountain ranges, setting sun, warm orange horizon, cinematic lighting, 35mm film",
    draw: (r, w, h) => mountains(r, w, h, "dusk", false),
    ratio: [16, 9],
    tags: ["风景", "电影感"],
    models: [mj, flux],
    author: 0,
    quality: "hd",
  },
  {
    titles: ["月下雪峰", "星夜湖畔"],
    prompt:
      "snowy peaks under a full moon, starry night sky, still lake reflection, long exposure, deep blue tones",
    draw: (r, w, h) => mountains(r, w, h, "night", true),
    ratio: [2, 3],
    tags: ["风景", "夜景", "星空"],
    models: [dalle, sdxl],
    author: 4,
  },
  {
    titles: ["沙漠星河", "银河营地"],
    prompt:
      "desert dunes under the milky way, a glowing tent in the distance, astrophotography, ultra wide, vivid purple sky",
    draw: dunes,
    ratio: [3, 4],
    tags: ["风景", "夜景", "星空"],
    models: [flux, gpt],
    author: 4,
  },
  {
    titles: ["林间小屋", "雾松木屋"],
    prompt:
      "wooden cabin in a misty pine forest, warm light in the window, layered trees, cozy, storybook illustration",
    draw: (r, w, h) => forest(r, w, h, true),
    ratio: [4, 5],
    tags: ["自然", "治愈", "插画"],
    models: [mj, mock],
    author: 5,
  },
  {
    titles: ["松林深处", "青绿山林"],
    prompt:
      "dense pine forest in teal and green, flat vector illustration, layered depth, minimal, quiet morning",
    draw: (r, w, h) => forest(r, w, h, false),
    ratio: [1, 1],
    tags: ["自然", "极简", "插画"],
    models: [sdxl, dalle],
    author: 5,
  },
  {
    titles: ["风暴灯塔", "守夜人"],
    prompt:
      "lonely lighthouse on a cliff in a storm, beam of light over rough sea, dramatic clouds, cinematic, moody",
    draw: (r, w, h) => seaside(r, w, h, true),
    ratio: [3, 4],
    tags: ["风景", "电影感"],
    models: [flux, mj],
    author: 0,
    quality: "hd",
  },
  {
    titles: ["海边黄昏", "灯塔与晚霞"],
    prompt:
      "lighthouse by the sea at sunset, pastel sky, gentle waves, soft clouds, peaceful, watercolor style",
    draw: (r, w, h) => seaside(r, w, h, false),
    ratio: [3, 2],
    tags: ["风景", "治愈", "水彩"],
    models: [gpt, sdxl],
    author: 5,
  },
  {
    titles: ["霓虹雨夜", "雨夜街景"],
    prompt:
      "neon-lit city street on a rainy night, wet asphalt reflections, pink and cyan signs, cyberpunk, blade runner mood",
    draw: (r, w, h) => city(r, w, h, true, true),
    ratio: [9, 16],
    tags: ["赛博朋克", "夜景", "城市"],
    models: [mj, flux],
    author: 1,
    quality: "hd",
  },
  {
    titles: ["金色天际线", "黄昏都市"],
    prompt:
      "city skyline at golden hour, glass towers, warm haze, clean architectural illustration, wide view",
    draw: (r, w, h) => city(r, w, h, false, false),
    ratio: [16, 9],
    tags: ["城市", "建筑"],
    models: [dalle, gpt],
    author: 1,
  },
  {
    titles: ["不夜城", "霓虹天际"],
    prompt:
      "futuristic megacity at night, thousands of lit windows, neon billboards, full moon, synthwave palette",
    draw: (r, w, h) => city(r, w, h, true, false),
    ratio: [4, 5],
    tags: ["城市", "夜景", "赛博朋克"],
    models: [sdxl, mock],
    author: 1,
  },
  {
    titles: ["少女肖像", "耳环与微笑"],
    prompt:
      "portrait of a young woman, flat editorial illustration, bold shapes, pastel background, gold earrings, soft smile",
    draw: (r, w, h) => portrait(r, w, h, false),
    ratio: [3, 4],
    tags: ["人像", "插画"],
    models: [mj, gpt],
    author: 2,
  },
  {
    titles: ["机械少女", "霓虹义体"],
    prompt:
      "portrait of a cyborg girl with a glowing visor, neon rim light, circuit patterns, dark background, sci-fi illustration",
    draw: (r, w, h) => portrait(r, w, h, true),
    ratio: [2, 3],
    tags: ["人像", "赛博朋克", "科幻"],
    models: [flux, sdxl],
    author: 2,
    quality: "hd",
  },
  {
    titles: ["午后的她", "橘色头像"],
    prompt:
      "friendly avatar portrait, minimal vector style, warm colors, big eyes, rosy cheeks, clean background",
    draw: (r, w, h) => portrait(r, w, h, false),
    ratio: [1, 1],
    tags: ["人像", "插画", "治愈"],
    models: [dalle, mock],
    author: 2,
  },
  {
    titles: ["DREAM 字体海报", "BLOOM 字体海报"],
    prompt:
      "swiss style typography poster, one huge bold word, red circle, grid lines, small print, bauhaus colors",
    draw: (r, w, h) => poster(r, w, h, r() < 0.5 ? "DREAM" : "BLOOM", "梦境制造所"),
    ratio: [2, 3],
    tags: ["海报", "字体", "极简"],
    models: [gpt, dalle],
    author: 3,
  },
  {
    titles: ["NEON 2077", "未来展海报"],
    prompt:
      "typographic poster for a sci-fi exhibition, giant sans-serif letters, geometric shapes, limited palette, print design",
    draw: (r, w, h) => poster(r, w, h, r() < 0.5 ? "NEON" : "2077", "霓虹之城 · 特展"),
    ratio: [3, 4],
    tags: ["海报", "字体", "赛博朋克"],
    models: [gpt, mj],
    author: 3,
  },
  {
    titles: ["环形行星", "遥远的土星"],
    prompt:
      "ringed gas giant in deep space, colorful nebula, small moon, stars, space art, high contrast",
    draw: planet,
    ratio: [1, 1],
    tags: ["科幻", "星空"],
    models: [flux, mj],
    author: 4,
  },
  {
    titles: ["深海水母", "发光的梦"],
    prompt:
      "glowing jellyfish in the deep sea, bioluminescent, floating particles, light rays from above, dreamy",
    draw: deepSea,
    ratio: [9, 16],
    tags: ["自然", "奇幻"],
    models: [sdxl, gpt],
    author: 4,
  },
  {
    titles: ["静物花瓶", "桌上的花"],
    prompt:
      "still life with a ceramic vase of flowers and fruit on a wooden table, soft window light, gouache painting",
    draw: stillLife,
    ratio: [4, 5],
    tags: ["静物", "插画"],
    models: [mj, mock],
    author: 7,
  },
];

export type VideoTemplate = {
  file: string;
  titles: [string, string];
  prompt: string;
  tags: string[];
  models: [SeedModel, SeedModel];
};

const { sora, kling, runway, vidu } = VIDEO_MODELS;

export const VIDEO_TEMPLATES: VideoTemplate[] = [
  {
    file: "fractal",
    titles: ["曼德博深潜", "分形宇宙"],
    prompt:
      "deep zoom into the mandelbrot set, psychedelic green and magenta, smooth camera motion",
    tags: ["抽象", "科幻"],
    models: [sora, runway],
  },
  {
    file: "life",
    titles: ["生命游戏", "星群演化"],
    prompt: "conway's game of life, white cells blooming on black, generative animation, loop",
    tags: ["抽象", "极简"],
    models: [kling, vidu],
  },
  {
    file: "cells",
    titles: ["元胞自动机", "三角之海"],
    prompt:
      "elementary cellular automaton, rule 30 triangles scrolling, black and white, generative art",
    tags: ["抽象", "极简"],
    models: [runway, sora],
  },
  {
    file: "aurora",
    titles: ["流光", "蓝与红"],
    prompt:
      "slow flowing gradient of deep blue and crimson light, abstract motion background, vertical",
    tags: ["抽象", "治愈"],
    models: [vidu, kling],
  },
  {
    file: "dusk",
    titles: ["暮色天光", "青色黄昏"],
    prompt: "teal dusk sky slowly darkening, minimal ambient loop, calm",
    tags: ["治愈", "极简"],
    models: [sora, vidu],
  },
  {
    file: "ember",
    titles: ["余烬", "红色脉冲"],
    prompt: "glowing red embers pulsing from the center, dark background, ambient loop, cinematic",
    tags: ["抽象", "电影感"],
    models: [kling, runway],
  },
  {
    file: "mono",
    titles: ["单色光带", "黑白扫光"],
    prompt: "monochrome light sweep across a dark surface, minimal abstract, vertical video",
    tags: ["极简", "抽象"],
    models: [runway, sora],
  },
  {
    file: "tide",
    titles: ["深蓝潮汐", "海底光影"],
    prompt: "deep blue tide, slow waves of light underwater, abstract ocean ambience",
    tags: ["自然", "治愈"],
    models: [vidu, kling],
  },
];
