import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { seoulMonthOf } from "@/server/domain/history/month";
import { ReceiptView } from "@/components/pay/history/receipt-view";
import { BackToHistory } from "@/components/pay/history/back-link";

export default async function PayReceipt({ params }: { params: Promise<{ orderId: string }> }) {
  await requireFace("pay");
  const { orderId } = await params;
  if (!z.uuid().safeParse(orderId).success) notFound();
  const [api, t] = await Promise.all([serverApi(), getTranslations("payHistory")]);
  const purchase = await api.history.receipt({ orderId }).catch((error: unknown) => {
    // Someone else's order and one that does not exist look the same.
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <header className="flex items-center gap-1 px-2 pt-3">
        <BackToHistory href={`/pay/history?month=${seoulMonthOf(purchase.createdAt)}`} label={t("back")} />
        <h1 className="sr-only">{t("receiptTitle")}</h1>
        <Link href="/pay/history" className="sr-only">
          {t("title")}
        </Link>
      </header>
      <ReceiptView initial={purchase} />
    </>
  );
}
