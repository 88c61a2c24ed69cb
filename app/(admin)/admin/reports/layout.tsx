import { TRPCReactProvider } from "@/components/trpc/provider";

/** Reports render on the server; the meal-allowance form mutates over tRPC. */
export default function ReportsLayout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
