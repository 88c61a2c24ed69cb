import { redirect } from "next/navigation";
import { requireFace } from "@/server/auth/guard";
import { currentTime } from "@/server/clock";
import { businessDate } from "@/server/domain/time";

/** HR pages: a store manager who opens one is sent to their own console. */
export async function requireHr() {
  const user = await requireFace("admin");
  if (user.role !== "hr_admin") redirect("/admin");
  return { user, today: businessDate(currentTime(), "Asia/Seoul") };
}
