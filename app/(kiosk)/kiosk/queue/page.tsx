import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { QueueBoard } from "@/components/kiosk-queue/queue-board";

export default async function KioskQueuePage() {
  await requireFace("kiosk");
  const queue = await (await serverApi()).orders.queue();
  return <QueueBoard orders={queue} />;
}
