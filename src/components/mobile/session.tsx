"use client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { refreshBalance } from "@/lib/client/balance";
import { setApiTransport } from "@/lib/client/http";
import { createHttp, type Http } from "@/lib/http";
import { preferences } from "@/lib/native";
import { API_BASE_URL } from "@/lib/public-env";

// The shell's session: a bearer token from POST /api/auth/token, kept on the device
// (Preferences in the app, localStorage on the web) with the user it was issued to.

export type ShellUser = { id: string; email: string; name: string; role: string; credits: number };
type Stored = { token: string; expiresAt: string; user: ShellUser };
type TokenAnswer = Stored & { tokenType: string };

export type SessionState =
  | { status: "loading" }
  | { status: "signedOut"; notice: string | null }
  | { status: "signedIn"; user: ShellUser };

type SessionValue = {
  session: SessionState;
  http: Http;
  signIn: (email: string, password: string) => Promise<void>;
  /** Resolves to true when the signup bonus waits for the address to be verified (mail sent). */
  register: (email: string, password: string) => Promise<boolean>;
  signOut: () => Promise<void>;
};

const KEY = "aigc.session";
const SessionContext = createContext<SessionValue | null>(null);

function readStored(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Stored;
    if (typeof s.token !== "string" || !s.user?.id) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

const EXPIRED_EVENT = "aigc:session-expired";
const EXPIRED_NOTICE = "登录已过期，请重新登录";

/** The token lives outside React state: http.ts reads it per request, and only this module writes it. */
function createClient() {
  let token: string | null = null;
  const http = createHttp({
    baseUrl: API_BASE_URL,
    getToken: () => token,
    // The token expired or was revoked; the provider below forgets it and sends the user to sign in.
    onUnauthorized: () => window.dispatchEvent(new Event(EXPIRED_EVENT)),
  });
  return { http, setToken: (next: string | null) => void (token = next) };
}

export function SessionProvider({
  children,
  onExpired,
}: {
  children: React.ReactNode;
  onExpired: () => void;
}) {
  const [session, setSession] = useState<SessionState>({ status: "loading" });
  const [{ http, setToken }] = useState(createClient);
  // While the stored token is being checked at start-up, a 401 is that check's answer, not an
  // action of the user's to send to sign-in.
  const checking = useRef(false);

  // The shared client code (models, balance, chat, images) goes through this session's http.ts.
  useEffect(() => {
    setApiTransport(http.raw);
    return () => setApiTransport(null);
  }, [http]);

  useEffect(() => {
    const expire = () => {
      if (checking.current) return;
      setToken(null);
      void preferences.remove(KEY);
      setSession({ status: "signedOut", notice: EXPIRED_NOTICE });
      onExpired();
    };
    window.addEventListener(EXPIRED_EVENT, expire);
    return () => window.removeEventListener(EXPIRED_EVENT, expire);
  }, [onExpired, setToken]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = readStored(await preferences.get(KEY));
      if (!live) return;
      if (!stored) return setSession({ status: "signedOut", notice: null });
      setToken(stored.token);
      // A stored token may have been revoked (or signed with a rotated secret). Find out before
      // showing the user as signed in, so the shell never signs them out later under their
      // fingers — a tab switch to 我的 in the middle of whatever they were doing. Offline, the
      // stored session stands.
      checking.current = true;
      const res = await http.raw("/api/credits/balance", { cache: "no-store" }).catch(() => null);
      checking.current = false;
      if (!live) return;
      if (res?.status === 401) {
        setToken(null);
        void preferences.remove(KEY);
        return setSession({ status: "signedOut", notice: EXPIRED_NOTICE });
      }
      setSession({ status: "signedIn", user: stored.user });
    })();
    return () => {
      live = false;
    };
  }, [http, setToken]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await http.json<TokenAnswer>("/api/auth/token", { body: { email, password } });
      const stored: Stored = {
        token: answer.token,
        expiresAt: answer.expiresAt,
        user: answer.user,
      };
      setToken(stored.token);
      await preferences.set(KEY, JSON.stringify(stored));
      setSession({ status: "signedIn", user: stored.user });
      void refreshBalance(true);
    },
    [http, setToken],
  );

  const register = useCallback(
    async (email: string, password: string) => {
      const answer = await http.json<{ verificationRequired?: boolean }>("/api/auth/register", {
        body: { email, password },
      });
      await signIn(email, password);
      return answer.verificationRequired === true;
    },
    [http, signIn],
  );

  const signOut = useCallback(async () => {
    setToken(null);
    await preferences.remove(KEY);
    setSession({ status: "signedOut", notice: null });
    void refreshBalance(true);
  }, [setToken]);

  const value = useMemo(
    () => ({ session, http, signIn, register, signOut }),
    [session, http, signIn, register, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
