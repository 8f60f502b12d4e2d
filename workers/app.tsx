import "./lib/zod-locale.ts";
import { secureHeaders } from "hono/secure-headers";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { AppError, ERROR_CODES, ERROR_TITLES, type ErrorCode } from "./platform/errors/app-error.ts";
import { notFound, onError } from "./platform/errors/handlers.tsx";
import { requestId } from "./platform/middleware/request-id.ts";
import { tenantMiddleware } from "./platform/tenancy/tenant-middleware.ts";
import { sessionMiddleware } from "./platform/middleware/session.ts";
import { textInput } from "./platform/middleware/text-input.ts";
import { createRouter } from "./platform/router.ts";
import { openApiDocument } from "./platform/openapi.ts";
import { staticRoutes } from "./platform/static.ts";
import { listActiveTenants } from "./platform/tenancy/catalog.ts";
import { authApi } from "./auth/api-routes.ts";
import { authAdmin } from "./auth/admin-routes.tsx";
import { usersApi } from "./users/api-routes.ts";
import { usersAdmin } from "./users/admin-routes.tsx";
import { auditApi } from "./audit/api-routes.ts";
import { auditAdmin } from "./audit/admin-routes.tsx";
import { dashboardAdmin } from "./dashboard/admin-routes.tsx";
import { placesApi } from "./places/api-routes.ts";
import { placesAdmin } from "./places/admin-routes.tsx";
import { householdsApi } from "./households/api-routes.ts";
import { householdsAdmin } from "./households/admin-routes.tsx";
import { importsApi } from "./imports/api-routes.ts";
import { importsAdmin } from "./imports/admin-routes.tsx";
import { unitsApi } from "./units/api-routes.ts";
import { unitsAdmin } from "./units/admin-routes.tsx";
import { cadresApi } from "./cadres/api-routes.ts";
import { cadresAdmin } from "./cadres/admin-routes.tsx";
import { assignmentsApi } from "./assignments/api-routes.ts";
import { assignmentsAdmin } from "./assignments/admin-routes.tsx";
import { pairingsApi } from "./pairings/api-routes.ts";
import { pairingsAdmin } from "./pairings/admin-routes.tsx";
import { visitsApi } from "./visits/api-routes.ts";
import { visitsAdmin } from "./visits/admin-routes.tsx";
import { coverageApi } from "./coverage/api-routes.ts";
import { coverageAdmin } from "./coverage/admin-routes.tsx";
import { settingsApi } from "./settings/api-routes.ts";
import { settingsAdmin } from "./settings/admin-routes.tsx";
import { programsApi } from "./programs/api-routes.ts";
import { batchesApi } from "./batches/api-routes.ts";
import { batchesAdmin } from "./batches/admin-routes.tsx";
import { programsAdmin } from "./programs/admin-routes.tsx";
import { reportsApi } from "./reports/api-routes.ts";
import { reportsAdmin } from "./reports/admin-routes.tsx";
import { noticesApi } from "./notices/api-routes.ts";
import { objectionsApi } from "./objections/api-routes.ts";
import { decisionsApi } from "./household-decisions/api-routes.ts";
import { ledgerApi } from "./ledger/api-routes.ts";
import { noticesAdmin } from "./notices/admin-routes.tsx";
import { objectionsAdmin } from "./objections/admin-routes.tsx";
import { decisionsAdmin } from "./household-decisions/admin-routes.tsx";
import { ledgerAdmin } from "./ledger/admin-routes.tsx";
import { ApiDocsPage } from "../web/pages/api-docs.tsx";
import { PlatformHome } from "../web/pages/platform-home.tsx";
import { publicSite } from "./public/routes.tsx";
import { projectsApi } from "./projects/api-routes.ts";
import { projectsAdmin } from "./projects/admin-routes.tsx";
import { villageDecisionsApi } from "./village-decisions/api-routes.ts";
import { villageDecisionsAdmin } from "./village-decisions/admin-routes.tsx";
import { feedbackApi, publicFeedbackApi } from "./feedback/api-routes.ts";
import { feedbackAdmin } from "./feedback/admin-routes.tsx";
import { checkInsApi } from "./check-ins/api-routes.ts";
import { checkInsAdmin } from "./check-ins/admin-routes.tsx";
import { leavesApi } from "./leaves/api-routes.ts";
import { leavesAdmin } from "./leaves/admin-routes.tsx";
import { PUBLIC_STYLE_HASH } from "../web/styles/public.css.ts";

import { registerImports } from "./imports/registry.ts";
import { villagesImport } from "./places/villages-import.ts";
import { householdsImport } from "./households/households-import.ts";
import { unitsImport } from "./units/units-import.ts";
import { cadresImport } from "./cadres/cadres-import.ts";
import { pairingsImport } from "./pairings/pairings-import.ts";
import { batchLinesImport } from "./batches/lines-import.ts";

/** Request bodies above this are refused with 413 before anyone reads them. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Builds the whole Worker: the Worker entry and the tests use the same app. */
export function createApp() {
  // CSV imports, by the entity name in their URLs (`/imports/:entity`).
  registerImports({
    villages: villagesImport,
    households: householdsImport,
    units: unitsImport,
    cadres: cadresImport,
    pairings: pairingsImport,
    // Targeted: staged as "batch_lines:<batchId>", uploaded through POST /batches/{id}/lines/import.
    batch_lines: batchLinesImport,
  });

  // Not strict: `/t/longquanyi` and `/t/longquanyi/` are the same page to a villager typing it in.
  const app = createRouter({ strict: false });

  app.use(requestId);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The public pages inline one small stylesheet (one round trip); only that exact text is allowed.
        styleSrc: ["'self'", PUBLIC_STYLE_HASH],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("payload_too_large", `提交的内容超过了 ${MAX_BODY_BYTES / 1024 / 1024} MB 的上限`);
      },
    }),
  );
  // Form posts must come from our own pages (Origin / Sec-Fetch-Site); the API accepts only
  // JSON bodies, which a foreign page cannot send without a CORS preflight we never grant.
  // A request carrying a bearer token has no ambient credential to forge, so it is exempt.
  const sameOrigin = csrf();
  app.use((c, next) => (c.req.header("authorization")?.startsWith("Bearer ") ? next() : sameOrigin(c, next)));
  // Invalid Unicode is refused and text NFC-normalised before any validator sees it.
  app.use(textInput);

  app.onError(onError);
  app.notFound(notFound);

  // --- platform ---
  app.route("/static", staticRoutes);
  app.get("/", async (c) => c.html(<PlatformHome tenants={await listActiveTenants(c.env.CONTROL)} />));
  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(app)));
  const errorCodes = Object.entries(ERROR_CODES).map(([code, status]) => ({
    code,
    status,
    title: ERROR_TITLES[code as ErrorCode],
  }));
  app.get("/api/v1/docs", (c) => c.html(<ApiDocsPage doc={openApiDocument(app)} errorCodes={errorCodes} />));

  // --- one tenant: everything below sees only this tenant's database ---
  const tenant = createRouter();
  tenant.use(tenantMiddleware, sessionMiddleware);

  // JSON API
  const api = createRouter();
  api.route("/", authApi);
  api.route("/", usersApi);
  api.route("/", auditApi);
  // registry
  api.route("/", placesApi);
  api.route("/", householdsApi);
  api.route("/", importsApi);
  api.route("/", unitsApi);
  api.route("/", cadresApi);
  api.route("/", assignmentsApi);
  api.route("/", checkInsApi);
  api.route("/", leavesApi);
  api.route("/", pairingsApi);
  api.route("/", visitsApi);
  api.route("/", coverageApi);
  api.route("/", settingsApi);
  // money
  api.route("/", programsApi);
  api.route("/", batchesApi);
  api.route("/", reportsApi);
  // public notices (公示), objections, household decisions, publication ledger
  // (/public/* and /ledger* answer without a session; the rest name their permission)
  api.route("/", noticesApi);
  api.route("/", objectionsApi);
  api.route("/", decisionsApi);
  api.route("/", ledgerApi);
  // public disclosure: projects, 四议两公开, feedback
  api.route("/", projectsApi);
  api.route("/", villageDecisionsApi);
  api.route("/", feedbackApi);
  api.route("/", publicFeedbackApi);
  tenant.route("/api/v1", api);

  // Admin UI
  tenant.route("/admin", authAdmin);
  tenant.route("/admin", dashboardAdmin);
  tenant.route("/admin/users", usersAdmin);
  tenant.route("/admin/audit", auditAdmin);
  tenant.route("/admin", placesAdmin);
  tenant.route("/admin", householdsAdmin);
  tenant.route("/admin/imports", importsAdmin);
  tenant.route("/admin", unitsAdmin);
  tenant.route("/admin", cadresAdmin);
  tenant.route("/admin", assignmentsAdmin);
  tenant.route("/admin", checkInsAdmin);
  tenant.route("/admin", leavesAdmin);
  tenant.route("/admin", pairingsAdmin);
  tenant.route("/admin", visitsAdmin);
  tenant.route("/admin", coverageAdmin);
  tenant.route("/admin", settingsAdmin);
  // money
  tenant.route("/admin", programsAdmin);
  tenant.route("/admin", batchesAdmin);
  tenant.route("/admin", reportsAdmin);
  // public notices (公示), objections, household decisions, publication ledger
  tenant.route("/admin", noticesAdmin);
  tenant.route("/admin", objectionsAdmin);
  tenant.route("/admin", decisionsAdmin);
  tenant.route("/admin", ledgerAdmin);

  // Public disclosure site
  tenant.route("/admin", projectsAdmin);
  tenant.route("/admin", villageDecisionsAdmin);
  tenant.route("/admin", feedbackAdmin);
  tenant.route("/", publicSite);

  app.route("/t/:tenant", tenant);
  return app;
}
