"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/server/auth";
import { faceOfPath } from "@/server/auth/guard";
import { faceRoles, homeFor, safeNextPath } from "@/server/auth/roles";
import { loadActiveUser } from "@/server/auth/users";
import { db } from "@/server/db";

export type SignInState = {
  error?: "invalid" | "suspended" | "rateLimited" | "failed";
  fieldErrors?: { email?: "emailRequired" | "emailInvalid"; password?: "passwordRequired" };
  email?: string;
};

const signInForm = z.object({
  email: z.string().trim().toLowerCase().min(1, "emailRequired").pipe(z.email("emailInvalid")),
  password: z.string().min(1, "passwordRequired").max(200, "passwordRequired"),
});

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signInForm.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return {
      email,
      fieldErrors: {
        email: fields.email?.[0] as "emailRequired" | "emailInvalid" | undefined,
        password: fields.password?.[0] ? "passwordRequired" : undefined,
      },
    };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const known = { suspended: "suspended", rate_limited: "rateLimited" } as const;
      return { email, error: known[error.code as keyof typeof known] ?? "invalid" };
    }
    if (error instanceof AuthError) return { email, error: "failed" };
    throw error;
  }
  const user = await loadActiveUser(db(), { email: parsed.data.email });
  if (!user) return { email, error: "invalid" };
  const next = safeNextPath(String(formData.get("next") ?? ""));
  const nextFace = next ? faceOfPath(next) : null;
  // Go where the person was headed only if their role may open it.
  redirect(next && nextFace && faceRoles[nextFace].includes(user.role) ? next : homeFor(user.role));
}

export async function signInWithSso(formData: FormData) {
  const next = safeNextPath(String(formData.get("next") ?? "")) ?? "/";
  await signIn("oidc", { redirectTo: next });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

export type PairState = { error?: "invalid" | "rateLimited" | "failed" };

const pairForm = z.object({ code: z.string().trim().regex(/^[0-9]{6}$/) });

/** Redeems a pairing code typed on a tablet and signs the tablet in as the store's kiosk. */
export async function pairKiosk(_previous: PairState, formData: FormData): Promise<PairState> {
  const parsed = pairForm.safeParse({ code: formData.get("code") ?? "" });
  try {
    // A malformed code still goes to the provider, so it counts as a wrong guess.
    await signIn("kiosk-pair", { code: parsed.success ? parsed.data.code : "", redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: error.code === "rate_limited" ? "rateLimited" : "invalid" };
    if (error instanceof AuthError) return { error: "failed" };
    throw error;
  }
  redirect("/kiosk");
}
