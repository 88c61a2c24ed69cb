"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The kiosk's sections as big tabs; the current one is lit. */
export function KioskNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav className="ml-1 flex gap-1 xl:ml-4">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname === link.href ? "page" : undefined}
          className="flex min-h-12 items-center rounded-xl px-3 font-semibold whitespace-nowrap xl:px-4 text-white/70 aria-[current=page]:bg-white/15 aria-[current=page]:text-white"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
