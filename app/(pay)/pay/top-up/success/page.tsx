import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { ConfirmTopUp } from "@/components/pay/top-up/confirm-top-up";
import { TopUpHeader } from "@/components/pay/top-up/top-up-header";

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** The PG's successUrl: `?paymentKey&orderId&amount`. Nothing is credited until the server confirms. */
export default async function TopUpSuccess({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireFace("pay");
  const [params, t] = await Promise.all([searchParams, getTranslations("topUp")]);
  return (
    <>
      <TopUpHeader title={t("title")} backHref="/pay/top-up" backLabel={t("back")} />
      <ConfirmTopUp paymentKey={one(params.paymentKey)} orderId={one(params.orderId)} amount={one(params.amount).replace(/[^\d]/g, "") || "0"} />
    </>
  );
}
