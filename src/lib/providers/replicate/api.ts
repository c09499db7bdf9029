import "server-only";
import { joinUrl } from "../openai-compatible";

// Replicate's HTTP API: where things are. Models are named "owner/name" (official models, run
// through /models/{owner}/{name}/predictions), or pinned as "owner/name:version" or a bare
// version id (run through /predictions with `version`).

export type Target = { url: string; version: string | null };

export function predictionTarget(baseURL: string, upstreamModel: string): Target {
  const colon = upstreamModel.indexOf(":");
  if (colon > 0)
    return { url: joinUrl(baseURL, "predictions"), version: upstreamModel.slice(colon + 1) };
  if (upstreamModel.includes("/")) {
    const [owner, name] = upstreamModel.split("/");
    return {
      url: joinUrl(
        baseURL,
        `models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/predictions`,
      ),
      version: null,
    };
  }
  return { url: joinUrl(baseURL, "predictions"), version: upstreamModel };
}

export const predictionUrl = (baseURL: string, id: string) =>
  joinUrl(baseURL, `predictions/${encodeURIComponent(id)}`);
export const cancelUrl = (baseURL: string, id: string) =>
  joinUrl(baseURL, `predictions/${encodeURIComponent(id)}/cancel`);
export const webhookSecretUrl = (baseURL: string) => joinUrl(baseURL, "webhooks/default/secret");
