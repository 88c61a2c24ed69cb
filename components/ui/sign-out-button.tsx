import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/server/actions/auth";

export async function SignOutButton({ className = "" }: { className?: string }) {
  const t = await getTranslations("common");
  return (
    <form action={signOutAction}>
      <button className={`min-h-12 rounded-xl px-4 text-sm font-semibold ${className}`}>{t("signOut")}</button>
    </form>
  );
}
