"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  // "exact" for a section whose sub-pages have menu entries of their own; a policy's page still counts.
  const active = pathname === href || (pathname.startsWith(`${href}/`) && (!exact || /^\/admin\/vouchers\/(new|[0-9a-f-]{36})$/.test(pathname)));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className="flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-muted hover:bg-canvas hover:text-ink aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
    >
      {children}
    </Link>
  );
}
