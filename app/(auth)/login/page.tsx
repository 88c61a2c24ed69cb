import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { auth } from "@/server/auth";
import { faceRoles, homeFor, safeNextPath, type Face } from "@/server/auth/roles";
import { oidcEnabled, env } from "@/server/env";
import { signInWithSso } from "@/server/actions/auth";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { Logo } from "@/components/ui/logo";
import { SignInForm } from "./sign-in-form";
import type { SearchParams } from "@/lib/search-params";

const isFace = (value: unknown): value is Face => value === "kiosk" || value === "pay" || value === "admin";

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const [t, tRoles, tFaces, session] = await Promise.all([
    getTranslations("login"),
    getTranslations("roles"),
    getTranslations("faces"),
    auth(),
  ]);
  const face = isFace(params.face) ? params.face : null;
  const reason = params.reason === "forbidden" || params.reason === "signin" ? params.reason : null;
  const next = face ? `/${face}` : safeNextPath(typeof params.next === "string" ? params.next : null);
  const ssoError = params.error === "sso_unknown";
  const showSso = oidcEnabled(env());

  let notice: string | null = null;
  if (face && reason === "forbidden" && session) {
    notice = t("reasonForbidden", {
      name: session.user.name,
      role: tRoles(session.user.role),
      face: tFaces(face),
      allowed: faceRoles[face].map((role) => tRoles(role)).join(" / "),
    });
  } else if (face) {
    notice = t("reasonSignin", { face: tFaces(face) });
  }

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-5 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-between">
          <Logo className="text-xl" />
          <LanguageSwitch />
        </div>
        <div className="rounded-3xl bg-white p-7 shadow-sm">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1 text-sm text-muted">{t("subtitle")}</p>
          {notice ? (
            <p data-testid="login-reason" className="mt-5 rounded-xl bg-amber-50 px-4 py-3 text-sm font-medium text-amber-800">
              {notice}
            </p>
          ) : null}
          {ssoError ? (
            <p role="alert" className="mt-5 rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">
              {t("ssoUnknown")}
            </p>
          ) : null}
          {session ? (
            <div className="mt-5 flex items-center justify-between gap-3 rounded-xl bg-canvas px-4 py-2">
              <Link href={homeFor(session.user.role)} className="flex min-h-12 items-center text-sm font-semibold text-brand-600">
                {t("continueAs", { name: session.user.name, role: tRoles(session.user.role) })}
              </Link>
              <SignOutButton className="text-muted hover:text-ink" />
            </div>
          ) : null}
          <div className="mt-6">
            <SignInForm next={next} />
          </div>
          {showSso ? (
            <>
              <div className="my-5 flex items-center gap-3 text-xs text-muted">
                <span className="h-px flex-1 bg-line" />
                {t("or")}
                <span className="h-px flex-1 bg-line" />
              </div>
              <form action={signInWithSso}>
                {next ? <input type="hidden" name="next" value={next} /> : null}
                <button className="min-h-12 w-full rounded-xl border border-line bg-white font-semibold hover:bg-canvas">
                  {t("sso", { name: env().AUTH_OIDC_NAME })}
                </button>
              </form>
            </>
          ) : null}
        </div>
        <Link href="/kiosk/pair" className="mt-4 flex min-h-12 items-center justify-center text-sm font-semibold text-muted hover:text-ink">
          {t("pairDevice")}
        </Link>
      </div>
    </main>
  );
}
