import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env, oidcEnabled } from "@/server/env";
import { db } from "@/server/db";
import type { SessionUser } from "./roles";
import { checkCredentials, loadActiveUser } from "./users";
import { logger } from "@/server/log";
import { DEVICE_SESSION_SECONDS, idleTooLong } from "./session-policy";
import { pairDevice } from "@/server/domain/devices/pair";
import { DomainError } from "@/server/domain/errors";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

class SuspendedSignin extends CredentialsSignin {
  override code = "suspended";
}

class RateLimitedSignin extends CredentialsSignin {
  override code = "rate_limited";
}

class PairingRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}


const pairingInput = z.object({ code: z.string().trim().regex(/^[0-9]{6}$/) });

/** The caller's address for the pairing rate limit; behind the proxy, its first forwarded hop. */
function clientAddress(request: Request | undefined) {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

function config(): NextAuthConfig {
  const current = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) return null;
        const result = await checkCredentials(db(), parsed.data.email, parsed.data.password);
        if (!result.ok) {
          if (result.reason === "suspended") throw new SuspendedSignin();
          if (result.reason === "rateLimited") throw new RateLimitedSignin();
          return null;
        }
        return { id: result.user.id, name: result.user.name, email: result.user.email };
      },
    }),
    Credentials({
      id: "kiosk-pair",
      credentials: { code: {} },
      async authorize(raw, request) {
        const parsed = pairingInput.safeParse(raw);
        try {
          const device = await pairDevice({
            db: db(),
            // A malformed code still counts as a wrong guess, so it goes through the same path.
            input: { code: parsed.success ? parsed.data.code : "", clientKey: clientAddress(request), now: new Date() },
          });
          return { id: device.id, name: device.name, email: device.email };
        } catch (error) {
          if (error instanceof DomainError && error.code === "TOO_MANY_REQUESTS") throw new PairingRateLimited();
          if (error instanceof DomainError) return null;
          throw error;
        }
      },
    }),
  ];
  if (oidcEnabled(current) && current.AUTH_OIDC_ISSUER && current.AUTH_OIDC_CLIENT_ID) {
    providers.push({
      id: "oidc",
      name: current.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: current.AUTH_OIDC_ISSUER,
      clientId: current.AUTH_OIDC_CLIENT_ID,
      clientSecret: current.AUTH_OIDC_CLIENT_SECRET,
    });
  }

  return {
    secret: current.AUTH_SECRET,
    trustHost: true,
    // A wrong password is an everyday event, not a server error with a stack trace.
    logger: {
      error(error) {
        if (error.name === "CredentialsSignin") logger.info({ event: "sign-in refused" }, "sign-in refused");
        else logger.error({ err: error }, "auth error");
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug() {},
    },
    // The cookie lives as long as a device's session; the jwt callback ends people's sooner.
    session: { strategy: "jwt", maxAge: DEVICE_SESSION_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      // SSO may only sign in people HR already knows, matched by their company email.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = typeof profile?.email === "string" ? profile.email : null;
        if (!email || profile?.email_verified === false) return "/login?error=sso_unknown";
        const user = await loadActiveUser(db(), { email });
        return user ? true : "/login?error=sso_unknown";
      },
      // Runs on every request that reads the session: re-reading the user is what signs
      // out someone suspended since they signed in, and keeps role changes current.
      async jwt({ token, user, account }) {
        const lookup =
          account?.provider === "oidc" && user?.email
            ? { email: user.email }
            : token.sub
              ? { id: token.sub }
              : null;
        if (!lookup) return null;
        const device = account ? account.provider === "kiosk-pair" : token.device === true;
        const now = Math.floor(Date.now() / 1000);
        if (!account && idleTooLong(token, now)) return null;
        // A fresh sign-in is stamped to the millisecond; later requests are checked against
        // "sign out everywhere" by that stamp and the token's iat.
        const active = await loadActiveUser(db(), lookup, account ? undefined : token);
        if (!active) return null;
        const signedInAt = account ? Date.now() : token.signedInAt;
        return { ...token, sub: active.id, name: active.name, email: active.email, role: active.role, storeId: active.storeId, device, seenAt: now, signedInAt };
      },
      session({ session, token }) {
        const role = token.role as SessionUser["role"];
        return {
          ...session,
          user: {
            ...session.user,
            id: token.sub ?? "",
            role,
            name: token.name ?? "",
            email: token.email ?? "",
            storeId: (token.storeId as string | null | undefined) ?? null,
          },
        };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
