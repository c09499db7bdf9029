import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { secrets } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { signInWithPassword } from "./sign-in";

let cached: NextAuthOptions | null = null;

/**
 * The Credentials provider for one sign-in request from `ip` (throttled per account and per IP,
 * see sign-in.ts). The route handler builds it per request because it knows the caller's address.
 */
function credentialsProvider(ip: string) {
  return CredentialsProvider({
    name: "邮箱",
    credentials: {
      email: { label: "邮箱", type: "email" },
      password: { label: "密码", type: "password" },
    },
    async authorize(credentials) {
      if (!credentials?.email || !credentials.password) return null;
      try {
        const user = await signInWithPassword(credentials.email, credentials.password, ip);
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          tv: Number(user.tokenVersion),
        };
      } catch (err) {
        // NextAuth hands a thrown message to the client as its error code (messages.ts).
        if (err instanceof ApiError && err.code === "rate_limited")
          throw new Error("TooManyAttempts");
        if (err instanceof ApiError && err.code === "forbidden") throw new Error("AccountDisabled");
        if (err instanceof ApiError && err.code === "unauthorized") return null;
        throw err;
      }
    },
  });
}

/**
 * NextAuth v4 options: JWT sessions carrying the user id, role and token version (a bumped
 * version ends the session, see credential.ts). Reading a session needs no provider; signing in
 * goes through signInOptions.
 */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: secrets().authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/auth/signin" },
    providers: [credentialsProvider("unknown")],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: string }).role;
          token.tv = (user as { tv?: number }).tv ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.sub;
          (session.user as { role?: unknown }).role = token.role;
          (session.user as { tv?: unknown }).tv = token.tv ?? 0;
        }
        return session;
      },
    },
  };
  return cached;
}

/** The options for a request to /api/auth/* from `ip`: the same, with its own sign-in provider. */
export function signInOptions(ip: string): NextAuthOptions {
  return { ...authOptions(), providers: [credentialsProvider(ip)] };
}
