import { afterEach, describe, expect, it, vi } from "vitest";

// src/lib/native.ts in a plain browser (localStorage, no-op setup) and inside Capacitor
// (Preferences, back button, status bar), with the plugins replaced by recording fakes.

const prefs = new Map<string, string>();
const backListeners: ((e: { canGoBack: boolean }) => void)[] = [];
const calls: string[] = [];

vi.mock("@capacitor/preferences", () => ({
  Preferences: {
    get: async ({ key }: { key: string }) => ({ value: prefs.get(key) ?? null }),
    set: async ({ key, value }: { key: string; value: string }) => void prefs.set(key, value),
    remove: async ({ key }: { key: string }) => void prefs.delete(key),
  },
}));
vi.mock("@capacitor/app", () => ({
  App: {
    addListener: async (_: string, fn: (e: { canGoBack: boolean }) => void) => {
      backListeners.push(fn);
      return { remove: async () => void backListeners.splice(backListeners.indexOf(fn), 1) };
    },
    exitApp: async () => void calls.push("exitApp"),
  },
}));
vi.mock("@capacitor/status-bar", () => ({
  Style: { Light: "LIGHT", Dark: "DARK" },
  StatusBar: {
    setStyle: async ({ style }: { style: string }) => void calls.push(`style:${style}`),
    setOverlaysWebView: async ({ overlay }: { overlay: boolean }) =>
      void calls.push(`overlay:${overlay}`),
    setBackgroundColor: async ({ color }: { color: string }) => void calls.push(`bg:${color}`),
  },
}));

function fakeWindow(capacitor?: { platform: string }) {
  const store = new Map<string, string>();
  const win = {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    history: { back: () => void calls.push("history.back") },
    Capacitor: capacitor && { isNativePlatform: () => true, getPlatform: () => capacitor.platform },
  };
  vi.stubGlobal("window", win);
  return store;
}

afterEach(() => {
  vi.unstubAllGlobals();
  prefs.clear();
  calls.length = 0;
  backListeners.length = 0;
});

describe("in a browser", () => {
  it("keeps values in localStorage and sets up nothing native", async () => {
    const store = fakeWindow();
    const native = await import("@/lib/native");
    expect(native.isNative()).toBe(false);
    expect(native.platform()).toBe("web");
    await native.preferences.set("aigc.session", "v1");
    expect(store.get("aigc.session")).toBe("v1");
    expect(await native.preferences.get("aigc.session")).toBe("v1");
    await native.preferences.remove("aigc.session");
    expect(await native.preferences.get("aigc.session")).toBeNull();
    expect(prefs.size).toBe(0);
    const cleanup = await native.setupNative();
    cleanup();
    expect(calls).toEqual([]);
    expect(backListeners).toHaveLength(0);
  });

  it("behaves as signed out when storage throws (private mode)", async () => {
    vi.stubGlobal("window", {
      localStorage: {
        getItem: () => {
          throw new Error("denied");
        },
        setItem: () => {
          throw new Error("denied");
        },
        removeItem: () => {},
      },
    });
    const { preferences } = await import("@/lib/native");
    await expect(preferences.set("k", "v")).resolves.toBeUndefined();
    expect(await preferences.get("k")).toBeNull();
  });
});

describe("inside the Android app", () => {
  it("uses Preferences, styles the status bar, and maps the back button", async () => {
    const store = fakeWindow({ platform: "android" });
    const native = await import("@/lib/native");
    expect(native.isNative()).toBe(true);
    expect(native.platform()).toBe("android");

    await native.preferences.set("aigc.session", "v2");
    expect(prefs.get("aigc.session")).toBe("v2");
    expect(store.size).toBe(0);
    expect(await native.preferences.get("aigc.session")).toBe("v2");

    let sheetOpen = true;
    const cleanup = await native.setupNative(() => {
      if (!sheetOpen) return false;
      sheetOpen = false;
      return true;
    });
    expect(calls).toEqual(["style:LIGHT", "overlay:false", "bg:#ffffff"]);
    calls.length = 0;

    backListeners[0]({ canGoBack: true }); // the shell handles it (closes its sheet)
    backListeners[0]({ canGoBack: true }); // history back
    backListeners[0]({ canGoBack: false }); // at the root: leave the app
    expect(calls).toEqual(["history.back", "exitApp"]);

    cleanup();
    await Promise.resolve();
    expect(backListeners).toHaveLength(0);
  });
});
