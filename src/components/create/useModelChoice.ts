"use client";
import { useCallback, useMemo, useState } from "react";
import {
  type Capability,
  type CatalogModel,
  pickModel,
  recallModel,
  rememberModel,
} from "@/lib/client/models";

/**
 * The model chosen for one tab: an explicit pick, else the prefill (复用), else the last choice
 * remembered for this tab, else the first model offered. A remembered model that has since been
 * disabled simply is not in the list any more, so the fallback applies.
 */
export function useModelChoice(
  capability: Capability,
  models: CatalogModel[],
  prefill?: string | null,
) {
  const [picked, setPicked] = useState<string | null>(null);
  const offered = useMemo(
    () => models.filter((m) => m.capabilities.includes(capability)),
    [models, capability],
  );
  const model = useMemo(
    () =>
      pickModel(
        offered,
        picked,
        prefill,
        typeof window === "undefined" ? null : recallModel(capability),
      ),
    [offered, picked, prefill, capability],
  );
  const choose = useCallback(
    (slug: string) => {
      setPicked(slug);
      rememberModel(capability, slug);
    },
    [capability],
  );
  return { model, offered, choose };
}
