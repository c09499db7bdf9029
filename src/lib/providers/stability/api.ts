import "server-only";
import { joinUrl } from "../openai-compatible";

// Stability AI's v2beta REST API: where things are. The provider's baseURL is the API's origin
// (https://api.stability.ai); a baseURL that already ends in /v2beta is accepted as well. A
// model's upstream name picks its endpoint, e.g. "upscale/fast" or "edit/outpaint".

export const ENDPOINTS = {
  "upscale/fast": { path: "stable-image/upscale/fast", async: false },
  "upscale/conservative": { path: "stable-image/upscale/conservative", async: false },
  "upscale/creative": { path: "stable-image/upscale/creative", async: true },
  "edit/outpaint": { path: "stable-image/edit/outpaint", async: false },
  "edit/remove-background": { path: "stable-image/edit/remove-background", async: false },
  "edit/search-and-replace": { path: "stable-image/edit/search-and-replace", async: false },
  "edit/replace-background-and-relight": {
    path: "stable-image/edit/replace-background-and-relight",
    async: true,
  },
} as const;
export type Endpoint = keyof typeof ENDPOINTS;

const base = (baseURL: string) => baseURL.replace(/\/+$/, "").replace(/\/v2beta$/, "");

export const endpointUrl = (baseURL: string, endpoint: Endpoint) =>
  joinUrl(base(baseURL), `v2beta/${ENDPOINTS[endpoint].path}`);

/** GET /v2beta/results/{id}: 202 while the job runs, then the picture. */
export const resultUrl = (baseURL: string, id: string) =>
  joinUrl(base(baseURL), `v2beta/results/${encodeURIComponent(id)}`);

/** Stability wants a prompt for its generative upscalers; ours has none, so this one is sent. */
export const UPSCALE_PROMPT = "the same picture at a higher resolution, sharp, with fine detail";
