import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messages } from "@/messages";
import { LOCALE_COOKIE, toLocale } from "./locales";

// The language is a per-device choice kept in a cookie; URLs stay the same in both languages.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: messages[locale], timeZone: "Asia/Seoul" };
});
