import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { SoldOutBoard } from "@/components/kiosk-sold-out/sold-out-board";

export default async function KioskSoldOutPage() {
  await requireFace("kiosk");
  const menu = await (await serverApi()).menu.forKiosk();
  return <SoldOutBoard menu={menu} />;
}
