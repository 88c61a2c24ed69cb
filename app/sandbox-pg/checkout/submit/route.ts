import { handleCheckoutSubmit } from "@/server/sandbox-pg/checkout";
import { sandboxPg } from "@/server/sandbox-pg/app-instance";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleCheckoutSubmit(request, sandboxPg());
}
