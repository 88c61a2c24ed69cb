import Link from "next/link";

/** "Previous" / "Next" under an admin table: a link, or a greyed-out label at either end. */
export function PageLink({ href, disabled, label }: { href: string; disabled: boolean; label: string }) {
  const className = "flex min-h-10 items-center rounded-lg border border-line bg-white px-3 font-medium";
  return disabled ? (
    <span aria-disabled className={`${className} opacity-40`}>{label}</span>
  ) : (
    <Link href={href} className={`${className} text-ink hover:bg-canvas`}>{label}</Link>
  );
}

/** The line under a paged admin table: how many rows in all, which page, previous and next. */
export function TablePager(props: {
  total: React.ReactNode;
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  labels: { pageOf: string; previous: string; next: string };
}) {
  return (
    <div className="mt-4 flex items-center justify-between text-sm text-muted">
      {props.total}
      <div className="flex items-center gap-3">
        <span>{props.labels.pageOf}</span>
        <PageLink href={props.hrefFor(props.page - 1)} disabled={props.page <= 1} label={props.labels.previous} />
        <PageLink href={props.hrefFor(props.page + 1)} disabled={props.page >= props.pages} label={props.labels.next} />
      </div>
    </div>
  );
}
