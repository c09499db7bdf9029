import "server-only";
import type SharpModule from "sharp";

type Sharp = typeof SharpModule;
let loaded: Sharp | null = null;

/**
 * sharp, loaded on its first call. Importing it maps libvips into the process and starts it (about
 * 20 MB of memory), which a gateway instance that only relays chat never needs. Same signature as
 * sharp's default export; types still come from `import type … from "sharp"`.
 */
export const sharp = ((...args: Parameters<Sharp>) => {
  // A CommonJS require in the function body: the module is evaluated here, on first use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("sharp") as Sharp;
  return loaded(...args);
}) as Sharp;
