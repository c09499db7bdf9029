import "server-only";
import { createRequire } from "node:module";
import type SharpModule from "sharp";

type Sharp = typeof SharpModule;
let loaded: Sharp | null = null;

/**
 * sharp, loaded on its first call. Importing it maps libvips into the process and starts it (about
 * 20 MB of memory), which a gateway instance that only relays chat never needs. Same signature as
 * sharp's default export; types still come from `import type … from "sharp"`.
 */
export const sharp = ((...args: Parameters<Sharp>) => {
  // A require in the function body: the module is evaluated here, on first use (createRequire,
  // because the worker process runs this file as an ES module, where `require` is not defined).
  loaded ??= createRequire(import.meta.url)("sharp") as Sharp;
  return loaded(...args);
}) as Sharp;
