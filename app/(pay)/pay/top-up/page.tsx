import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { TopUpHeader } from "@/components/pay/top-up/top-up-header";
import { TopUpScreen } from "@/components/pay/top-up/top-up-screen";

export default async function TopUpPage() {
  await requireFace("pay");
  const [api, t] = await Promise.all([serverApi(), getTranslations("topUp")]);
  const overview = await api.topUp.overview();
  return (
    <>
      <TopUpHeader title={t("title")} backHref="/pay" backLabel={t("back")} />
      <TopUpScreen initial={overview} />
    </>
  );
}
