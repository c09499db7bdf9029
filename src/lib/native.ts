// What differs when the /mobile shell runs inside the Capacitor app instead of a browser:
// where the token is kept, the Android back button, the status bar. Capacitor plugins are loaded
// with dynamic imports only after detection, so a normal browser never loads or calls them and
// every function here degrades to the web behaviour.

type CapacitorGlobal = { isNativePlatform?: () => boolean; getPlatform?: () => string };

/** True inside the Android/iOS app; false in any browser (the Capacitor bridge injects the global). */
export function isNative(): boolean {
  if (typeof window === "undefined") return false;
  const cap = (window as unknown as { Capacitor?: CapacitorGlobal }).Capacitor;
  return Boolean(cap?.isNativePlatform?.());
}

export function platform(): "android" | "ios" | "web" {
  if (!isNative()) return "web";
  const p = (window as unknown as { Capacitor?: CapacitorGlobal }).Capacitor?.getPlatform?.();
  return p === "android" || p === "ios" ? p : "web";
}

/** Key/value storage: Capacitor Preferences on a device (survives WebView data clears), localStorage on the web. */
export const preferences = {
  async get(key: string): Promise<string | null> {
    if (isNative()) {
      const { Preferences } = await import("@capacitor/preferences");
      return (await Preferences.get({ key })).value;
    }
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage disabled (private mode): behave as signed out
    }
  },
  async set(key: string, value: string): Promise<void> {
    if (isNative()) {
      const { Preferences } = await import("@capacitor/preferences");
      await Preferences.set({ key, value });
      return;
    }
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // storage disabled: the session lasts for this page only
    }
  },
  async remove(key: string): Promise<void> {
    if (isNative()) {
      const { Preferences } = await import("@capacitor/preferences");
      await Preferences.remove({ key });
      return;
    }
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing stored
    }
  },
};

/**
 * Native integration, set up once by the shell. On Android the hardware back button first asks
 * the shell (`onBack` returns true when it handled it, e.g. closed a sheet), then goes back in
 * history, and leaves the app at the root. Returns a cleanup function; a no-op in the browser.
 */
export async function setupNative(onBack: () => boolean = () => false): Promise<() => void> {
  if (!isNative()) return () => {};
  const cleanups: (() => void)[] = [];
  try {
    const { StatusBar, Style } = await import("@capacitor/status-bar");
    // The UI is black on white: dark status-bar text on a white bar that does not cover the page.
    await StatusBar.setStyle({ style: Style.Light });
    if (platform() === "android") {
      await StatusBar.setOverlaysWebView({ overlay: false });
      await StatusBar.setBackgroundColor({ color: "#ffffff" });
    }
  } catch {
    // the status-bar plugin is optional: the app works with the system default
  }
  try {
    const { App } = await import("@capacitor/app");
    const handle = await App.addListener("backButton", ({ canGoBack }) => {
      if (onBack()) return;
      if (canGoBack) window.history.back();
      else void App.exitApp();
    });
    cleanups.push(() => void handle.remove());
  } catch {
    // without the app plugin Android falls back to its default back behaviour
  }
  return () => cleanups.forEach((fn) => fn());
}
