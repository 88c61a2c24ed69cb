import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { Logo } from "@/components/ui/logo";
import { NavLink } from "@/components/admin/nav-link";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireFace("admin");
  const [t, tRoles, tDevices, tVouchers, tMenu, tSettings, tAudit, tReports, tLoyalty] = await Promise.all([
    getTranslations("admin"),
    getTranslations("roles"),
    getTranslations("devices"),
    getTranslations("hrVouchers"),
    getTranslations("menuAdmin"),
    getTranslations("storeSettings"),
    getTranslations("auditLog"),
    getTranslations("reports"),
    getTranslations("loyalty"),
  ]);
  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 flex h-dvh w-60 shrink-0 flex-col border-r border-line bg-white px-4 py-5">
        <Logo className="px-2 text-lg" />
        <nav className="mt-8 space-y-1">
          {user.role === "hr_admin" ? <NavLink href="/admin/employees">{t("employees")}</NavLink> : null}
          {user.role === "hr_admin" ? <NavLink href="/admin/vouchers" exact>{tVouchers("navPolicies")}</NavLink> : null}
          {user.role === "hr_admin" ? <NavLink href="/admin/vouchers/allocations">{tVouchers("navAllocations")}</NavLink> : null}
          {user.role === "hr_admin" ? <NavLink href="/admin/vouchers/adjust">{tVouchers("navAdjust")}</NavLink> : null}
          {user.role === "hr_admin" ? <NavLink href="/admin/vouchers/holidays">{tVouchers("navHolidays")}</NavLink> : null}
          {user.role === "hr_admin" ? <NavLink href="/admin/audit">{tAudit("nav")}</NavLink> : null}
          {user.role === "hr_admin" ? (
            <>
              <p className="px-3 pt-4 pb-1 text-xs font-semibold text-muted">{tReports("navGroup")}</p>
              <NavLink href="/admin/reports" exact>{tReports("navDashboard")}</NavLink>
              <NavLink href="/admin/reports/settlement">{tReports("navSettlement")}</NavLink>
              <NavLink href="/admin/reports/tax">{tReports("navTax")}</NavLink>
            </>
          ) : null}
          {user.role === "store_manager" ? <NavLink href="/admin/menu">{tMenu("nav")}</NavLink> : null}
          {user.role === "store_manager" ? <NavLink href="/admin/devices">{tDevices("nav")}</NavLink> : null}
          {user.role === "store_manager" ? <NavLink href="/admin/settings">{tSettings("nav")}</NavLink> : null}
          <NavLink href="/admin/loyalty">{tLoyalty("nav")}</NavLink>
        </nav>
        <div className="mt-auto border-t border-line pt-4">
          <p data-testid="admin-user" className="px-2 text-sm font-semibold">{user.name}</p>
          <p className="px-2 text-xs text-muted">{tRoles(user.role)}</p>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-1 whitespace-nowrap">
            <LanguageSwitch />
            <SignOutButton className="text-muted hover:bg-canvas hover:text-ink" />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-10 py-8">{children}</main>
    </div>
  );
}
