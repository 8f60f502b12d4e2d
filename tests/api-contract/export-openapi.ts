/// <reference types="node" />
/**
 * `npm run api:export` — writes the served OpenAPI document to tests/output/api/openapi.json.
 *
 * Runs in plain Node (tsx), not in workerd: building the document touches no binding, so
 * `createApp().request("/api/v1/openapi.json")` answers without D1, a session or a tenant.
 * The Workers *types* do not matter at run time, and Hono, zod and drizzle run unchanged in
 * Node. This keeps the contract check to a few seconds with no wrangler, no Miniflare and no
 * local database; the workers test tests/api-contract/openapi.test.ts checks that the Worker
 * itself serves the same shape.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../../workers/app.tsx";

export const OPENAPI_FILE = fileURLToPath(new URL("../output/api/openapi.json", import.meta.url));

export async function exportOpenApi(file = OPENAPI_FILE): Promise<string> {
  const res = await createApp().request("/api/v1/openapi.json");
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await exportOpenApi();
  console.log(`OpenAPI document written to ${OPENAPI_FILE}`);
}
