import { TRPCReactProvider } from "@/components/trpc/provider";

/**
 * tRPC + TanStack Query for this part of the pay app only: the shared pay layout leaves it
 * out so the home and pay code screens stay within their first-load JavaScript budget.
 */
export default function WithTrpc({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
