import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { homeFor } from "@/server/auth/roles";

export default async function Home() {
  const session = await auth();
  redirect(session ? homeFor(session.user.role) : "/login");
}
