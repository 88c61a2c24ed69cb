"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";

const MEAL_COLORS = { breakfast: "#f5a524", lunch: "#3182f6", dinner: "#6b5bd6" } as const;
type Meal = keyof typeof MEAL_COLORS;

/** Won on an axis: 만 and 억 in Korean, k and M in English, so ticks stay short. */
function shortWon(value: number, locale: "ko" | "en") {
  if (locale === "ko") {
    if (value >= 100_000_000) return `${(value / 100_000_000).toLocaleString("ko-KR", { maximumFractionDigits: 1 })}억`;
    if (value >= 10_000) return `${(value / 10_000).toLocaleString("ko-KR", { maximumFractionDigits: 1 })}만`;
    return value.toLocaleString("ko-KR");
  }
  if (value >= 1_000_000) return `₩${(value / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })}M`;
  if (value >= 1_000) return `₩${(value / 1_000).toLocaleString("en-US", { maximumFractionDigits: 1 })}k`;
  return `₩${value}`;
}

function WonTooltip({ active, payload, label, locale }: { active?: boolean; payload?: readonly { value?: unknown; name?: unknown }[]; label?: unknown; locale: "ko" | "en" }) {
  const first = payload?.[0];
  if (!active || !first || typeof first.value !== "number") return null;
  return (
    <div className="rounded-lg border border-line bg-white px-3 py-2 text-sm shadow-sm">
      <p className="text-muted">{String(label ?? first.name ?? "")}</p>
      <p className="tabular font-semibold">{formatWon(first.value, locale)}</p>
    </div>
  );
}

export function SpendByDayChart({ days }: { days: { day: string; amount: number }[] }) {
  const locale = toLocale(useLocale());
  const data = days.map((d) => ({ label: d.day.slice(5).replace("-", "/"), amount: d.amount }));
  return (
    <div className="h-72" data-testid="chart-by-day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e5e8eb" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "#6b7684" }} minTickGap={12} />
          <YAxis tickLine={false} axisLine={false} width={56} tick={{ fontSize: 12, fill: "#6b7684" }} tickFormatter={(value: number) => shortWon(value, locale)} />
          <Tooltip cursor={{ fill: "#f2f4f6" }} content={(props) => <WonTooltip {...props} locale={locale} />} />
          <Bar dataKey="amount" fill="#3182f6" radius={[4, 4, 0, 0]} maxBarSize={28} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SpendByMealChart({ meals }: { meals: { meal: Meal; amount: number }[] }) {
  const t = useTranslations("reports");
  const locale = toLocale(useLocale());
  const total = meals.reduce((sum, m) => sum + m.amount, 0);
  const data = meals.map((m) => ({ name: t(`meals.${m.meal}`), meal: m.meal, amount: m.amount }));
  return (
    <div className="flex flex-col items-center gap-5" data-testid="chart-by-meal">
      <div className="relative size-40 shrink-0">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie data={total > 0 ? data : [{ name: "", meal: "none", amount: 1 }]} dataKey="amount" nameKey="name" innerRadius="62%" outerRadius="100%" stroke="none" isAnimationActive={false}>
              {(total > 0 ? data : [{ meal: "none" }]).map((entry) => (
                <Cell key={entry.meal} fill={entry.meal === "none" ? "#e5e8eb" : MEAL_COLORS[entry.meal as Meal]} />
              ))}
            </Pie>
            {total > 0 ? <Tooltip content={(props) => <WonTooltip {...props} locale={locale} />} /> : null}
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="w-full space-y-2.5">
        {data.map((m) => (
          <li key={m.meal} className="flex items-center gap-3 text-sm" data-testid={`meal-${m.meal}`}>
            <span className="size-3 shrink-0 rounded-full" style={{ background: MEAL_COLORS[m.meal] }} />
            <span className="whitespace-nowrap font-medium">{m.name}</span>
            <span className="tabular ml-auto font-semibold">{formatWon(m.amount, locale)}</span>
            <span className="tabular w-12 text-right text-muted">{t("share", { percent: total > 0 ? Math.round((m.amount * 100) / total) : 0 })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SpendByDepartmentChart({ departments }: { departments: { name: string; amount: number }[] }) {
  const locale = toLocale(useLocale());
  const rows = departments.slice(0, 8);
  return (
    <div style={{ height: Math.max(rows.length * 40 + 16, 240) }} data-testid="chart-by-department">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke="#e5e8eb" />
          <XAxis type="number" tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "#6b7684" }} tickFormatter={(value: number) => shortWon(value, locale)} />
          <YAxis type="category" dataKey="name" tickLine={false} axisLine={false} width={112} tick={{ fontSize: 13, fill: "#191f28" }} />
          <Tooltip cursor={{ fill: "#f2f4f6" }} content={(props) => <WonTooltip {...props} locale={locale} />} />
          <Bar dataKey="amount" fill="#3182f6" radius={[0, 4, 4, 0]} maxBarSize={22} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
