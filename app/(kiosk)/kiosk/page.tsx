import { serverApi } from "@/server/trpc/server";
import { MenuGrid } from "@/components/kiosk/menu-grid";

export default async function KioskPage() {
  const menu = await (await serverApi()).menu.forKiosk();
  return <MenuGrid menu={menu} />;
}
