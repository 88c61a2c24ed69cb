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
