import Link from "next/link";

/** The top-up screens' header: back to where the employee came from, and the title. */
export function TopUpHeader({ title, backHref, backLabel }: { title: string; backHref: string; backLabel: string }) {
  return (
    <header className="flex items-center gap-1 px-2 pt-3">
      <Link href={backHref} aria-label={backLabel} className="flex size-12 items-center justify-center rounded-full text-ink active:bg-black/5">
        <svg viewBox="0 0 24 24" aria-hidden className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M15 5l-7 7 7 7" />
        </svg>
      </Link>
      <h1 className="text-[20px] font-bold tracking-tight">{title}</h1>
    </header>
  );
}
