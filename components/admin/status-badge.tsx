import { getTranslations } from "next-intl/server";
import type { UserStatus } from "@/db/schema/users";

const styles: Record<UserStatus, string> = {
  active: "bg-emerald-50 text-emerald-700",
  suspended: "bg-amber-50 text-amber-700",
  left: "bg-canvas text-muted",
};

export async function StatusBadge({ status }: { status: UserStatus }) {
  const t = await getTranslations("admin");
  const label = { active: t("statusActive"), suspended: t("statusSuspended"), left: t("statusLeft") }[status];
  return <span className={`rounded-md px-2 py-1 text-xs font-semibold ${styles[status]}`}>{label}</span>;
}
