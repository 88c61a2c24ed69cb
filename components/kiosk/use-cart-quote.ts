"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { checkoutLines } from "@/lib/cart";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc/provider";
import type { KioskCart } from "./types";

export type CartQuote = inferRouterOutputs<AppRouter>["loyalty"]["quote"];
export type Discount = CartQuote["discounts"][number];

/**
 * Today's promotions on the cart, priced by the server's one pricing module (the sale prices
 * again under its locks). While a new price is on its way the last one stays on screen.
 */
export function useCartQuote(cart: KioskCart): CartQuote | null {
  const trpc = useTRPC();
  const lines = checkoutLines(cart);
  const { data } = useQuery(
    trpc.loyalty.quote.queryOptions({ lines }, { enabled: lines.length > 0, placeholderData: keepPreviousData, staleTime: 30_000 }),
  );
  return lines.length > 0 && data ? data : null;
}

/** The discounts under one cart line (its index in the cart). */
export const discountsOf = (discounts: readonly Discount[] | undefined, cartIndex: number) =>
  (discounts ?? []).filter((discount) => discount.cartIndex === cartIndex);
