import { TRPCReactProvider } from "@/components/trpc/provider";

/** The voucher screens are client forms over tRPC. */
export default function VouchersLayout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
