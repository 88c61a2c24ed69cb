"use client";

import { usePathname } from "next/navigation";

type Tab = { href: string; label: string; icon: React.ReactNode };

const stroke = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;

const icons = {
  home: (
    <svg viewBox="0 0 24 24" className="size-6" {...stroke} aria-hidden>
      <path d="M3.5 10.5 12 3.5l8.5 7V20a1 1 0 0 1-1 1h-5v-6h-5v6h-5a1 1 0 0 1-1-1z" />
    </svg>
  ),
  order: (
    <svg viewBox="0 0 24 24" className="size-6" {...stroke} aria-hidden>
      <path d="M5 8h12v5a6 6 0 0 1-6 6 6 6 0 0 1-6-6zM17 9.5h1.5a2.5 2.5 0 0 1 0 5H17M8 3.5v1.5M11 3.5v1.5M14 3.5v1.5" />
    </svg>
  ),
  history: (
    <svg viewBox="0 0 24 24" className="size-6" {...stroke} aria-hidden>
      <path d="M6 3.5h12v17l-3-2-3 2-3-2-3 2zM9 8.5h6M9 12h6" />
    </svg>
  ),
  more: (
    <svg viewBox="0 0 24 24" className="size-6" {...stroke} aria-hidden>
      <circle cx="5.5" cy="12" r="1.2" fill="currentColor" />
      <circle cx="12" cy="12" r="1.2" fill="currentColor" />
      <circle cx="18.5" cy="12" r="1.2" fill="currentColor" />
    </svg>
  ),
};

/**
 * Bottom tab bar of the pay app: four tabs around a raised "Pay" button that opens the code.
 * Plain links, not next/link: each tab is a page the service worker keeps, a full load works
 * offline, and the router's link code would push /pay past its first-load budget.
 */
export function PayTabBar({ labels }: { labels: { home: string; order: string; pay: string; history: string; more: string } }) {
  const pathname = usePathname();
  const tabs: Tab[] = [
    { href: "/pay", label: labels.home, icon: icons.home },
    { href: "/pay/order", label: labels.order, icon: icons.order },
    { href: "/pay/history", label: labels.history, icon: icons.history },
    { href: "/pay/more", label: labels.more, icon: icons.more },
  ];
  const isActive = (href: string) => (href === "/pay" ? pathname === "/pay" : pathname === href || pathname.startsWith(`${href}/`));
  const payActive = pathname === "/pay/code";
  const tab = (item: Tab) => (
    <a
      key={item.href}
      href={item.href}
      aria-current={isActive(item.href) ? "page" : undefined}
      className={`flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-[11px] font-semibold ${isActive(item.href) ? "text-ink" : "text-[#b0b8c1]"}`}
    >
      {item.icon}
      {item.label}
    </a>
  );
  return (
    <nav
      aria-label={labels.pay}
      data-testid="pay-tab-bar"
      className="fixed inset-x-0 bottom-0 z-20 mx-auto max-w-md border-t border-line/70 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur"
    >
      <div className="flex items-end px-2">
        {tabs.slice(0, 2).map(tab)}
        <div className="flex flex-1 justify-center">
          <a
            href="/pay/code"
            data-testid="tab-pay"
            aria-current={payActive ? "page" : undefined}
            className="-mt-6 mb-1 flex size-[62px] flex-col items-center justify-center rounded-full bg-brand-500 text-white shadow-[0_6px_16px_rgba(49,130,246,0.45)] ring-4 ring-white active:bg-brand-600"
          >
            <svg viewBox="0 0 24 24" className="size-6" {...stroke} aria-hidden>
              <path d="M4 7V5a1 1 0 0 1 1-1h2M17 4h2a1 1 0 0 1 1 1v2M20 17v2a1 1 0 0 1-1 1h-2M7 20H5a1 1 0 0 1-1-1v-2M8 8v8M11 8v8M14 8v8M16.5 8v8" />
            </svg>
            <span className="text-[11px] font-bold leading-tight">{labels.pay}</span>
          </a>
        </div>
        {tabs.slice(2).map(tab)}
      </div>
    </nav>
  );
}
