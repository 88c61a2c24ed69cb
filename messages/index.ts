import type { Locale } from "@/i18n/locales";
import enBase from "./en.json";
import koBase from "./ko.json";
import historyEn from "./areas/history.en.json";
import historyKo from "./areas/history.ko.json";
import loyaltyEn from "./areas/loyalty.en.json";
import loyaltyKo from "./areas/loyalty.ko.json";
import hrEn from "./areas/hr.en.json";
import hrKo from "./areas/hr.ko.json";
import menuAdminEn from "./areas/menu-admin.en.json";
import menuAdminKo from "./areas/menu-admin.ko.json";
import kioskScanEn from "./areas/kiosk-scan.en.json";
import kioskScanKo from "./areas/kiosk-scan.ko.json";
import orderAheadEn from "./areas/order-ahead.en.json";
import orderAheadKo from "./areas/order-ahead.ko.json";
import peopleEn from "./areas/people.en.json";
import peopleKo from "./areas/people.ko.json";
import payAppEn from "./areas/pay-app.en.json";
import payAppKo from "./areas/pay-app.ko.json";
import reportsEn from "./areas/reports.en.json";
import reportsKo from "./areas/reports.ko.json";
import storeHoursEn from "./areas/store-hours.en.json";
import storeHoursKo from "./areas/store-hours.ko.json";
import topUpEn from "./areas/top-up.en.json";
import topUpKo from "./areas/top-up.ko.json";
import voucherCategoriesEn from "./areas/voucher-categories.en.json";
import voucherCategoriesKo from "./areas/voucher-categories.ko.json";

type Tree = { [key: string]: string | Tree };

/**
 * Texts live in one base file per language plus one file per area of the product, so work on
 * different areas does not collide in one huge file. Areas may add keys to a shared
 * namespace (such as `errors`) but never redefine one: the messages test checks that.
 */
export function mergeMessages(parts: Tree[]): Tree {
  const merged: Tree = {};
  for (const part of parts) {
    for (const [namespace, value] of Object.entries(part)) {
      const existing = merged[namespace];
      merged[namespace] =
        typeof existing === "object" && typeof value === "object" ? { ...existing, ...value } : value;
    }
  }
  return merged;
}

export const messageParts: Record<Locale, Tree[]> = {
  ko: [koBase, payAppKo, topUpKo, orderAheadKo, kioskScanKo, historyKo, hrKo, peopleKo, menuAdminKo, reportsKo, loyaltyKo, voucherCategoriesKo, storeHoursKo],
  en: [enBase, payAppEn, topUpEn, orderAheadEn, kioskScanEn, historyEn, hrEn, peopleEn, menuAdminEn, reportsEn, loyaltyEn, voucherCategoriesEn, storeHoursEn],
};

export const messages: Record<Locale, Tree> = {
  ko: mergeMessages(messageParts.ko),
  en: mergeMessages(messageParts.en),
};
