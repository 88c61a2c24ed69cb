import { requireFace } from "@/server/auth/guard";

export default async function PayLayout({ children }: { children: React.ReactNode }) {
  await requireFace("pay");
  return <div className="mx-auto flex min-h-dvh max-w-md flex-col bg-canvas">{children}</div>;
}
