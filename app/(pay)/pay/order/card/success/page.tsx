import { requireFace } from "@/server/auth/guard";
import { ConfirmOrderCard } from "@/components/pay/order/card-return";

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** The PG's successUrl for an order paid ahead: `?paymentKey&orderId&amount`. Nothing is paid until the server confirms. */
export default async function OrderCardSuccess({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireFace("pay");
  const params = await searchParams;
  return <ConfirmOrderCard paymentKey={one(params.paymentKey)} orderId={one(params.orderId)} amount={one(params.amount).replace(/[^\d]/g, "") || "0"} />;
}
