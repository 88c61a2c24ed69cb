import type { StoreMenu } from "@/server/domain/menu/store-menu";
import type { Cart } from "@/lib/cart";
import type { VoucherRefusal } from "@/server/domain/vouchers/usability";

export { nameIn, optionNames } from "@/components/kiosk/types";

export type MenuItem = StoreMenu["categories"][number]["items"][number];
export type MenuOptionGroup = MenuItem["optionGroups"][number];
export type OrderCart = Cart<MenuItem>;
export type Funds = {
  voucher: bigint;
  /**
   * Usable grants one by one; `categoryIds` null means the grant pays for any menu category,
   * `dailyCap` what the grant's policy still lets it pay today (null: no cap).
   */
  vouchers: { balance: bigint; categoryIds: string[] | null; dailyCap: { key: string; cap: bigint; spent: bigint } | null }[];
  wallet: bigint;
  voucherRefusal: VoucherRefusal | null;
};
