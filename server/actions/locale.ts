"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "@/i18n/locales";

export async function setLocale(formData: FormData) {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}
