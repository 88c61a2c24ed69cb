import { requireFace } from "@/server/auth/guard";
import { OrderCardFailed } from "@/components/pay/order/card-return";

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** The PG's failUrl for an order paid ahead: `?code&message&orderId`. */
export default async function OrderCardFail({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireFace("pay");
  const params = await searchParams;
  return <OrderCardFailed orderId={one(params.orderId)} code={one(params.code).slice(0, 100)} message={one(params.message).slice(0, 200)} />;
}
