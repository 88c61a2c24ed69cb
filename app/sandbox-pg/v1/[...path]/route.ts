import { handleSandboxApi } from "@/server/sandbox-pg/api";
import { sandboxPg } from "@/server/sandbox-pg/app-instance";

// The sandbox PG's API: an outside service in spirit, reached by Canteen over HTTP only.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleSandboxApi(request, sandboxPg());
}

export function POST(request: Request) {
  return handleSandboxApi(request, sandboxPg());
}
