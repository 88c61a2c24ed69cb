import { redirect } from "next/navigation";
import { requireFace } from "@/server/auth/guard";

export default async function AdminHome() {
  const user = await requireFace("admin");
  redirect(user.role === "hr_admin" ? "/admin/employees" : "/admin/menu");
}
