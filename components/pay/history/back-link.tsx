import Link from "next/link";

/** ‹ Back to purchases, a full 48 px target at the top left. */
export function BackToHistory({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} data-testid="receipt-back" className="flex min-h-12 items-center gap-1 rounded-full pr-4 pl-2 text-[15px] font-semibold text-ink active:bg-white/70">
      <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <path d="M15 5l-7 7 7 7" />
      </svg>
      {label}
    </Link>
  );
}
