import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { Register } from "@/components/kiosk/register";

export default async function KioskPage() {
  // Layout and page render at the same time, so the page checks too before it loads anything.
  await requireFace("kiosk");
  const menu = await (await serverApi()).menu.forKiosk();
  return <Register menu={menu} />;
}
