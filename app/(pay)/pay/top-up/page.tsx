import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { TopUpHeader } from "@/components/pay/top-up/top-up-header";
import { TopUpScreen } from "@/components/pay/top-up/top-up-screen";

/** `?amount=` comes from a screen that knows how much is missing (order ahead): it is only a suggestion. */
export default async function TopUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireFace("pay");
  const [api, t, params] = await Promise.all([serverApi(), getTranslations("topUp"), searchParams]);
  const asked = typeof params.amount === "string" && /^\d{1,9}$/.test(params.amount) ? BigInt(params.amount) : null;
  const overview = await api.topUp.overview();
  return (
    <>
      <TopUpHeader title={t("title")} backHref="/pay" backLabel={t("back")} />
      <TopUpScreen initial={overview} suggested={asked} />
    </>
  );
}
