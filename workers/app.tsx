import { awardsAdmin } from "./awards/admin-routes.tsx";
import { rectificationsAdmin } from "./lagging-villages/admin-routes.tsx";
import { awardsApi } from "./awards/api-routes.ts";
import { rectificationsApi } from "./lagging-villages/api-routes.ts";
import "./lib/zod-locale.ts";
import "./platform/zod-messages.ts";
import { secureHeaders } from "hono/secure-headers";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { AppError, ERROR_CODES, ERROR_TITLES, type ErrorCode } from "./platform/errors/app-error.ts";
import { notFound, onError } from "./platform/error-handlers.tsx";
import { requestId } from "./platform/middleware/request-id.ts";
import { tenantMiddleware } from "./platform/tenancy/tenant-middleware.ts";
import { sessionMiddleware } from "./platform/middleware/session.ts";
import { textInput } from "./platform/middleware/text-input.ts";
import { createRouter } from "./platform/router.ts";
import { openApiDocument } from "./platform/openapi.ts";
import { staticRoutes } from "./platform/static.ts";
import { activeCountsByProvince, pageTenants } from "./platform/tenancy/catalog.ts";
import { groupByProvince, provinceOf } from "./lib/fleet.ts";
import { operatorsApi, operatorsPages } from "./operators/routes.tsx";
import { piiRotationApi, piiRotationPages } from "./pii-rotation/operator-routes.tsx";
import { authApi } from "./auth/api-routes.ts";
import { authAdmin } from "./auth/admin-routes.tsx";
import { usersApi } from "./users/api-routes.ts";
import { usersAdmin } from "./users/admin-routes.tsx";
import { auditApi } from "./audit/api-routes.ts";
import { auditAdmin } from "./audit/admin-routes.tsx";
import { dashboardAdmin } from "./dashboard/admin-routes.tsx";
import { countiesApi, townshipsApi, villagesApi } from "./places/api-routes.ts";
import { placesAdmin, villagesAdmin } from "./places/admin-routes.tsx";
import { householdsApi } from "./households/api-routes.ts";
import { householdsAdmin } from "./households/admin-routes.tsx";
import { importsApi } from "./imports/api-routes.ts";
import { importsAdmin } from "./imports/admin-routes.tsx";
import { unitsApi } from "./units/api-routes.ts";
import { lookupApi } from "./lookup/api-routes.ts";
import { unitsAdmin } from "./units/admin-routes.tsx";
import { cadresApi } from "./cadres/api-routes.ts";
import { cadresAdmin } from "./cadres/admin-routes.tsx";
import { assignmentsApi, attendanceApi } from "./assignments/api-routes.ts";
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
import { batchesApi, batchLinesApi } from "./batches/api-routes.ts";
import { batchesAdmin } from "./batches/admin-routes.tsx";
import { programsAdmin } from "./programs/admin-routes.tsx";
import { reportsApi } from "./reports/api-routes.ts";
import { reportsAdmin } from "./reports/admin-routes.tsx";
import { noticesApi, publicNoticesApi } from "./notices/api-routes.ts";
import { objectionsApi, publicObjectionsApi } from "./objections/api-routes.ts";
import { decisionsApi, householdDecisionsApi } from "./household-decisions/api-routes.ts";
import { ledgerApi } from "./ledger/api-routes.ts";
import { noticesAdmin } from "./notices/admin-routes.tsx";
import { objectionsAdmin } from "./objections/admin-routes.tsx";
import { decisionsAdmin, householdDecisionsAdmin } from "./household-decisions/admin-routes.tsx";
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
import { lettersApi, measuresApi } from "./letters/api-routes.ts";
import { lettersAdmin, measuresAdmin } from "./letters/admin-routes.tsx";
import { inspectionsApi, problemsApi } from "./inspections/api-routes.ts";
import { inspectionsAdmin, problemsAdmin } from "./inspections/admin-routes.tsx";
import { escalationsApi, supervisionReportsApi } from "./escalations/api-routes.ts";
import { oversightReportsApi } from "./oversight-reports/api-routes.ts";
import { oversightReportAdmin } from "./oversight-reports/admin-routes.tsx";
import { escalationsAdmin, supervisionReportAdmin } from "./escalations/admin-routes.tsx";
import { reviewsApi } from "./reviews/api-routes.ts";
import {
  assessmentReportsApi,
  assessmentsApi,
  assessmentTemplatesApi,
  cadreRecordsApi,
  teamRecordsApi,
  unitRecordsApi,
} from "./assessments/api-routes.ts";
import {
  assessmentsAdmin,
  assessmentTemplatesAdmin,
  cadreRecordsAdmin,
  teamRecordsAdmin,
  unitRecordsAdmin,
} from "./assessments/admin-routes.tsx";
import { reviewsAdmin } from "./reviews/admin-routes.tsx";
import { reviewsPublic } from "./public/rate-routes.tsx";
import { checkInsApi } from "./check-ins/api-routes.ts";
import { checkInAdmin, checkInsAdmin } from "./check-ins/admin-routes.tsx";
import { leavesApi } from "./leaves/api-routes.ts";
import { leavesAdmin } from "./leaves/admin-routes.tsx";
import { trainingSessionsApi, trainingsApi } from "./training/api-routes.ts";
import { trainingAdmin } from "./training/admin-routes.tsx";
import { examAttemptsApi, examQuestionsApi, examsApi } from "./exams/api-routes.ts";
import { examsAdmin } from "./exams/admin-routes.tsx";
import { reservesApi } from "./reserve-pool/api-routes.ts";
import { reservesAdmin } from "./reserve-pool/admin-routes.tsx";
import { partyMembersApi } from "./party-members/api-routes.ts";
import { partyMembersAdmin } from "./party-members/admin-routes.tsx";
import { villageOfficialPayRatesApi, villageOfficialsApi } from "./village-cadres/api-routes.ts";
import { villageOfficialsAdmin } from "./village-cadres/admin-routes.tsx";
import { villageOfficialPayRatesAdmin } from "./village-official-pay-rates/admin-routes.tsx";
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
/** The batch lines upload (up to 100,000 lines) may be larger; still read once, well within 128 MB. */
export const MAX_IMPORT_BODY_BYTES = 8 * 1024 * 1024;
/** The uploads that take MAX_IMPORT_BODY_BYTES: batch lines, by the API and by the admin form. */
const LARGE_UPLOAD_PATH = /^\/t\/[^/]+\/(api\/v1|admin)\/batches\/\d+\/lines\/import$/;

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
  const defaultLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError("payload_too_large", `提交的内容超过了 ${MAX_BODY_BYTES / 1024 / 1024} MB 的上限`);
    },
  });
  // A county's whole payroll in one file: 100,000 lines of 发放明细 are about 2 MB in UTF-8 and
  // more in a spreadsheet's export, so that one upload (API and admin form) may be larger.
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: () => {
      throw new AppError(
        "payload_too_large",
        `上传的文件超过了 ${MAX_IMPORT_BODY_BYTES / 1024 / 1024} MB 的上限，请拆分文件`,
      );
    },
  });
  app.use((c, next) =>
    c.req.method === "POST" && LARGE_UPLOAD_PATH.test(c.req.path) ? importLimit(c, next) : defaultLimit(c, next),
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
  // Grouped by province and paged: thousands of tenants are not one table.
  app.get("/", async (c) => {
    const province = /^\d{2}$/.test(c.req.query("province") ?? "") ? c.req.query("province") : undefined;
    const page = Math.min(10_000, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const [list, counts] = await Promise.all([
      pageTenants(c.env.CONTROL, { page, size: 100, province, status: "active" }),
      activeCountsByProvince(c.env.CONTROL),
    ]);
    return c.html(
      <PlatformHome
        groups={groupByProvince(list.items)}
        provinces={counts.map((r) => ({ ...provinceOf(r.province), count: r.count }))}
        province={province}
        page={list.page}
        size={list.size}
        total={list.total}
      />,
    );
  });
  // Platform operators: their own sign-in against CONTROL, never a tenant's.
  app.route("/platform", operatorsPages);
  app.route("/api/v1/platform", operatorsApi);
  app.route("/platform", piiRotationPages); // /platform/tenants/:slug/pii-rotation
  app.route("/api/v1/platform", piiRotationApi);
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

  // JSON API: the whole URL map, one router per prefix
  const api = createRouter();
  api.route("/auth", authApi);
  api.route("/users", usersApi);
  api.route("/audit", auditApi);
  // registry
  api.route("/counties", countiesApi);
  api.route("/townships", townshipsApi);
  api.route("/villages", villagesApi);
  api.route("/households", householdsApi);
  api.route("/households", householdDecisionsApi); // /households/{id}/decisions, /households/{id}/status-changes
  api.route("/imports", importsApi);
  api.route("/units", unitsApi);
  api.route("/cadres", cadresApi);
  api.route("/assignments", assignmentsApi);
  api.route("/attendance", attendanceApi);
  api.route("/pairings", pairingsApi);
  api.route("/visits", visitsApi);
  api.route("/coverage", coverageApi);
  api.route("/settings", settingsApi);
  // search-as-you-type lookups for the pickers
  api.route("/lookup", lookupApi);
  // 驻村在岗: check-ins and leave
  api.route("/check-ins", checkInsApi);
  api.route("/leaves", leavesApi);
  api.route("/reserves", reservesApi);
  api.route("/party-members", partyMembersApi);
  api.route("/village-officials", villageOfficialsApi);
  api.route("/village-official-pay-rates", villageOfficialPayRatesApi);
  // money
  api.route("/programs", programsApi);
  api.route("/batches", batchesApi);
  api.route("/lines", batchLinesApi);
  api.route("/reports", reportsApi);
  // public notices (公示), objections, household decisions, publication ledger
  // (/public/* and /ledger* answer without a session; the rest name their permission)
  api.route("/notices", noticesApi);
  api.route("/objections", objectionsApi);
  api.route("/decisions", decisionsApi);
  api.route("/ledger", ledgerApi);
  // public disclosure: projects, 四议两公开, feedback
  api.route("/projects", projectsApi);
  api.route("/village-decisions", villageDecisionsApi);
  api.route("/feedback", feedbackApi);
  // without a session: a villager reads a notice, objects, and leaves feedback
  api.route("/public", publicNoticesApi);
  api.route("/public", publicObjectionsApi);
  api.route("/public", publicFeedbackApi);
  // supervision and accountability: letters and measures, inspections and problems, the ladder
  api.route("/letters", lettersApi);
  api.route("/measures", measuresApi);
  api.route("/inspections", inspectionsApi);
  api.route("/problems", problemsApi);
  api.route("/escalations", escalationsApi);
  api.route("/reports", supervisionReportsApi); // /reports/supervision
  api.route("/reports", oversightReportsApi); // /reports/oversight
  // oversight 考核: 述职评议, 考核清单, 年度考核, 一人一档
  api.route("/reviews", reviewsApi);
  api.route("/assessment-templates", assessmentTemplatesApi);
  api.route("/assessments", assessmentsApi);
  api.route("/reports", assessmentReportsApi); // /reports/assessments
  api.route("/cadres", cadreRecordsApi); // /cadres/{id}/record
  api.route("/teams", teamRecordsApi); // /teams/{villageId}/record
  api.route("/units", unitRecordsApi); // /units/{id}/record
  // training and 应知应会 tests
  api.route("/trainings", trainingsApi);
  api.route("/training-sessions", trainingSessionsApi);
  api.route("/exam-questions", examQuestionsApi);
  api.route("/exams", examsApi);
  api.route("/exam-attempts", examAttemptsApi);
  api.route("/rectifications", rectificationsApi);
  api.route("/awards", awardsApi);
  tenant.route("/api/v1", api);

  // Admin UI
  tenant.route("/admin", authAdmin); // /admin/login, /admin/logout
  tenant.route("/admin", dashboardAdmin);
  tenant.route("/admin/users", usersAdmin);
  tenant.route("/admin/audit", auditAdmin);
  tenant.route("/admin/places", placesAdmin);
  tenant.route("/admin/villages", villagesAdmin);
  tenant.route("/admin/households", householdsAdmin);
  tenant.route("/admin/households", householdDecisionsAdmin); // /admin/households/:id/status-changes
  tenant.route("/admin/imports", importsAdmin);
  tenant.route("/admin/units", unitsAdmin);
  tenant.route("/admin/cadres", cadresAdmin);
  tenant.route("/admin/assignments", assignmentsAdmin);
  tenant.route("/admin/pairings", pairingsAdmin);
  tenant.route("/admin/visits", visitsAdmin);
  tenant.route("/admin/coverage", coverageAdmin);
  tenant.route("/admin/settings", settingsAdmin);
  // 驻村在岗
  tenant.route("/admin/check-in", checkInAdmin); // the cadre's one-tap page
  tenant.route("/admin/check-ins", checkInsAdmin);
  tenant.route("/admin/leaves", leavesAdmin);
  // training and 应知应会 tests (the test page works on a phone without JavaScript)
  tenant.route("/admin/trainings", trainingAdmin);
  tenant.route("/admin/exams", examsAdmin);
  tenant.route("/admin/reserves", reservesAdmin);
  tenant.route("/admin/party-members", partyMembersAdmin);
  tenant.route("/admin/village-officials", villageOfficialsAdmin);
  tenant.route("/admin/village-official-pay-rates", villageOfficialPayRatesAdmin);
  // money
  tenant.route("/admin/programs", programsAdmin);
  tenant.route("/admin/batches", batchesAdmin);
  tenant.route("/admin/reports", reportsAdmin);
  // public notices (公示), objections, household decisions, publication ledger
  tenant.route("/admin/notices", noticesAdmin);
  tenant.route("/admin/objections", objectionsAdmin);
  tenant.route("/admin/decisions", decisionsAdmin);
  tenant.route("/admin/ledger", ledgerAdmin);
  // public disclosure
  tenant.route("/admin/projects", projectsAdmin);
  tenant.route("/admin/village-decisions", villageDecisionsAdmin);
  tenant.route("/admin/feedback", feedbackAdmin);

  // Public disclosure site
  // supervision and accountability
  tenant.route("/admin/letters", lettersAdmin);
  tenant.route("/admin/measures", measuresAdmin);
  tenant.route("/admin/inspections", inspectionsAdmin);
  tenant.route("/admin/problems", problemsAdmin);
  tenant.route("/admin/escalations", escalationsAdmin);
  tenant.route("/admin/supervision-report", supervisionReportAdmin);
  tenant.route("/admin/oversight-report", oversightReportAdmin);
  // oversight 考核
  tenant.route("/admin/reviews", reviewsAdmin);
  tenant.route("/admin/assessment-templates", assessmentTemplatesAdmin);
  tenant.route("/admin/assessments", assessmentsAdmin);
  tenant.route("/admin/cadres", cadreRecordsAdmin); // /admin/cadres/:id/record
  tenant.route("/admin/teams", teamRecordsAdmin); // /admin/teams/:villageId/record
  tenant.route("/admin/units", unitRecordsAdmin); // /admin/units/:id/record
  tenant.route("/admin/rectifications", rectificationsAdmin);
  tenant.route("/admin/awards", awardsAdmin);
  // 扫码评议: the page a QR ballot slip opens (public, no session needed)
  tenant.route("/rate", reviewsPublic);
  tenant.route("/", publicSite);

  app.route("/t/:tenant", tenant);
  return app;
}
