import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { RefundDesk } from "@/components/kiosk-refunds/refund-desk";

export default async function KioskRefundsPage() {
  await requireFace("kiosk");
  const today = await (await serverApi()).refunds.findOrders();
  return <RefundDesk initial={today} />;
}
