import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { Actions, Result } from "@/components/pay/top-up/confirm-top-up";
import { NoteFailure } from "@/components/pay/top-up/note-failure";
import { TopUpHeader } from "@/components/pay/top-up/top-up-header";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";

const KNOWN = ["PAY_PROCESS_CANCELED", "REJECT_CARD_COMPANY", "PAY_PROCESS_ABORTED"] as const;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** The PG's failUrl: `?code&message&orderId`. Says what happened and that nothing was charged. */
export default async function TopUpFail({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireFace("pay");
  const [params, t, api, locale] = await Promise.all([searchParams, getTranslations("topUp"), serverApi(), getLocale()]);
  const code = one(params.code).slice(0, 100);
  const message = one(params.message).slice(0, 200);
  const orderId = one(params.orderId);
  const known = KNOWN.find((candidate) => candidate === code);
  const { balance } = await api.topUp.overview();
  return (
    <>
      <TopUpHeader title={t("title")} backHref="/pay/top-up" backLabel={t("back")} />
      {orderId && code ? <NoteFailure orderId={orderId} code={code} /> : null}
      <Result tone="bad" testId="top-up-failed" title={t(`failTitle.${known ?? "other"}`)}>
        <p data-testid="top-up-nothing-charged" className="mt-3 text-center text-base font-semibold text-ink">
          {t("nothingCharged")}
        </p>
        {message ? <p className="mt-2 text-center text-[13px] text-muted">{t("pgSays", { message })}</p> : null}
        <dl className="mt-6 flex justify-between rounded-2xl bg-canvas p-4 text-sm">
          <dt className="text-muted">{t("currentBalance")}</dt>
          <dd data-testid="top-up-balance" className="tabular font-bold">
            {formatWon(balance, toLocale(locale))}
          </dd>
        </dl>
        <Actions primary={{ href: "/pay/top-up", label: t("tryAgain") }} secondary={{ href: "/pay", label: t("toHome") }} />
      </Result>
    </>
  );
}
