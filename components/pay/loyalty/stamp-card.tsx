import type { Locale } from "@/i18n/locales";

type Card = { programId: string; nameKo: string; nameEn: string; stampsPerReward: number; balance: number };

/**
 * A stamp card drawn as its dots; rendered on the server, so it adds nothing to the pay
 * app's JavaScript. A negative balance (stamps taken back after a used reward) shows as owed.
 */
export function StampCard(props: { card: Card; locale: Locale; labels: { owed: string; progress: string } }) {
  const { card, locale } = props;
  const filled = Math.max(0, Math.min(card.balance, card.stampsPerReward));
  return (
    <div data-testid="stamp-card" data-balance={card.balance}>
      <p className="flex items-baseline justify-between gap-2">
        <span className="truncate text-[15px] font-bold">{locale === "ko" ? card.nameKo : card.nameEn}</span>
        <span className="tabular shrink-0 text-[13px] font-semibold text-muted" data-testid="stamp-progress">
          {props.labels.progress}
        </span>
      </p>
      <div className="mt-2 grid grid-cols-10 gap-1.5" aria-hidden>
        {Array.from({ length: card.stampsPerReward }, (_, index) => (
          <span key={index} className={`aspect-square rounded-full ${index < filled ? "bg-amber-400" : "bg-canvas ring-1 ring-line"}`} />
        ))}
      </div>
      {card.balance < 0 ? <p className="mt-1 text-[12px] font-semibold text-red-600">{props.labels.owed}</p> : null}
    </div>
  );
}
