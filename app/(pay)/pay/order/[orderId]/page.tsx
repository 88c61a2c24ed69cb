import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { OrderStatusView } from "@/components/pay/order/order-status";

/** One of the employee's orders, live: paid → preparing → ready → picked up. */
export default async function OrderStatusPage(props: { params: Promise<{ orderId: string }>; searchParams: Promise<{ placed?: string }> }) {
  await requireFace("pay");
  const [{ orderId }, { placed }] = await Promise.all([props.params, props.searchParams]);
  if (!z.uuid().safeParse(orderId).success) notFound();
  const [api, locale] = await Promise.all([serverApi(), getLocale().then(toLocale)]);
  const order = await api.orderAhead.order({ orderId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <OrderStatusView order={order} locale={locale} justPlaced={placed === "1"} />;
}
