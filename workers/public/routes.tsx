import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { qrSvg } from "../lib/qr.ts";
import { getPublicNotice } from "../notices/service.ts";
import { lookupObjection, submitObjection } from "../objections/service.ts";
import { ObjectionCreate } from "../objections/schemas.ts";
import { FeedbackSubmit } from "../feedback/schemas.ts";
import { lookupFeedback, submitFeedback } from "../feedback/service.ts";
import { cachedPublic, noStore } from "./cache.ts";
import {
  allVillagesBrief,
  homeData,
  ledgerEntriesDesc,
  townshipVillages,
  villageByCode,
  villageData,
  villagePayments,
  villagesPage,
} from "./queries.ts";
import { SelfQueryForm, selfQuery } from "./self-query.ts";
import { openDataRoutes } from "./open-data.ts";
import { publishedReviewsOfVillage } from "../reviews/service.ts";
import { scrubPublicText } from "../lib/scrub.ts";
import { TenantHome } from "../../web/pages/public/tenant-home.tsx";
import { VillagePage, VillagePaymentsPage } from "../../web/pages/public/village.tsx";
import { NoticePage, type PublicNoticeView } from "../../web/pages/public/notice.tsx";
import { NoticePrintPage } from "../../web/pages/public/notice-print.tsx";
import { FeedbackPage, SelfQueryPage, TrackPage, type TrackResult } from "../../web/pages/public/forms.tsx";
import { LedgerPage } from "../../web/pages/public/ledger.tsx";
import { OpenDataPage } from "../../web/pages/public/open-data.tsx";
import { PosterPage, PosterSheetPage } from "../../web/pages/public/poster.tsx";
import { TownshipPage } from "../../web/pages/public/township.tsx";

/**
 * The public disclosure site under `/t/:tenant/`: no sign-in, server-rendered, no scripts.
 * GET pages go through `cachedPublic` (version-keyed edge cache, ETag, 304); POSTs (objection,
 * feedback, self-query) and tracking lookups are never stored.
 */
export const publicSite = new Hono<AppEnv>();

const HTML = "text/html; charset=utf-8";
const tenantOf = (c: Context<AppEnv>) => ({ slug: c.var.tenant.slug, name: c.var.tenant.name });
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}`;

/** Renders a page element to a complete HTML document string. */
export async function page(el: unknown): Promise<string> {
  return `<!doctype html>${await (el as { toString(): string | Promise<string> }).toString()}`;
}

function htmlNow(c: Context<AppEnv>, body: string, status: 200 | 400 | 404 | 409 | 429 = 200) {
  noStore(c);
  return c.html(body, status);
}

function intParam(v: string | undefined, fallback = 1, max = 100_000): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

// --- tenant home, village pages ---

publicSite.get("/", (c) => {
  const q = (c.req.query("q") ?? "").trim().slice(0, 20);
  return cachedPublic(c, HTML, async () =>
    page(<TenantHome tenant={tenantOf(c)} data={await homeData(c.var.ctx, q)} />),
  );
});

publicSite.get("/townships/:code", (c) =>
  cachedPublic(c, HTML, async () =>
    page(<TownshipPage tenant={tenantOf(c)} township={await townshipVillages(c.var.ctx, c.req.param("code"))} />),
  ),
);

publicSite.get("/v/:code", (c) =>
  cachedPublic(c, HTML, async () => {
    const data = await villageData(c.var.ctx, c.req.param("code"));
    // Published 述职评议 aggregates; publishing one moves the ledger, so the cache version follows.
    const ratings = await publishedReviewsOfVillage(c.var.ctx, data.village.id);
    return page(<VillagePage tenant={tenantOf(c)} data={data} ratings={ratings} />);
  }),
);

const PAYMENTS_PAGE_SIZE = 50;
publicSite.get("/v/:code/payments", (c) =>
  cachedPublic(c, HTML, async () => {
    const v = await villageByCode(c.var.ctx, c.req.param("code"));
    const year = /^\d{4}$/.test(c.req.query("year") ?? "") ? c.req.query("year") : undefined;
    const program = c.req.query("program") ? intParam(c.req.query("program"), 0) || undefined : undefined;
    const list = await villagePayments(c.var.ctx, v.id, {
      year,
      programId: program,
      page: intParam(c.req.query("page")),
      size: PAYMENTS_PAGE_SIZE,
    });
    return page(<VillagePaymentsPage tenant={tenantOf(c)} village={v} filter={{ year, program }} page={list} />);
  }),
);

publicSite.route("/", openDataRoutes);

const OPEN_DATA_PAGE_SIZE = 60;
publicSite.get("/open-data", (c) =>
  cachedPublic(c, HTML, async () =>
    page(
      <OpenDataPage
        tenant={tenantOf(c)}
        {...(await villagesPage(c.var.ctx, intParam(c.req.query("page")), OPEN_DATA_PAGE_SIZE))}
      />,
    ),
  ),
);

// --- QR posters ---

function absolute(c: Context<AppEnv>, path: string): string {
  return `${new URL(c.req.url).origin}${path}`;
}

publicSite.get("/v/:code/poster", (c) =>
  cachedPublic(c, HTML, async () => {
    const v = await villageByCode(c.var.ctx, c.req.param("code"));
    const url = absolute(c, `${base(c)}/v/${v.code}`);
    return page(
      <PosterPage
        tenant={tenantOf(c)}
        village={v}
        url={url}
        feedbackUrl={absolute(c, `${base(c)}/feedback`)}
        qr={qrSvg(url, { title: `扫码查看${v.name}公开信息`, ecc: "M" })}
      />,
    );
  }),
);

publicSite.get("/townships/:code/posters", (c) =>
  cachedPublic(c, HTML, async () => {
    const t = await townshipVillages(c.var.ctx, c.req.param("code"));
    const villages = t.villages.map((v) => {
      const url = absolute(c, `${base(c)}/v/${v.code}`);
      return { name: v.name, url, qr: qrSvg(url, { title: `扫码查看${v.name}公开信息` }) };
    });
    return page(<PosterSheetPage tenant={tenantOf(c)} township={t.name} villages={villages} />);
  }),
);

// --- notices and objections ---

const NOTICE_PAGE_SIZE = 100;

async function noticeView(
  c: Context<AppEnv>,
  id: number,
  pageNo: number,
  pageSize = NOTICE_PAGE_SIZE,
): Promise<{ view: PublicNoticeView; page: number }> {
  const n = await getPublicNotice(c.var.ctx, id);
  const content = (typeof n.content === "object" && n.content ? n.content : {}) as {
    summary?: Record<string, unknown>;
    lines?: PublicNoticeView["lines"];
  };
  const all = Array.isArray(content.lines) ? content.lines : [];
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const p = Math.min(pageNo, pages);
  return {
    page: p,
    view: {
      id: n.id,
      kind: n.kind,
      title: n.title,
      startDate: n.startDate,
      endDate: n.endDate,
      status: n.status,
      openForObjections: n.openForObjections,
      contentHash: n.contentHash,
      summary: content.summary ?? {},
      lines: all.slice((p - 1) * pageSize, p * pageSize),
      lineTotal: all.length,
      ledger: n.ledger,
      // Objectors write free text; an ID number or phone typed into it is masked before it is shown.
      objections: n.objections.map((o) => ({
        ...o,
        text: scrubPublicText(o.text),
        reply: o.reply == null ? null : scrubPublicText(o.reply),
      })),
    },
  };
}

function noticeId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", "没有这个公示");
  return id;
}

publicSite.get("/notices/:id", (c) =>
  cachedPublic(c, HTML, async () => {
    const { view, page: p } = await noticeView(c, noticeId(c), intParam(c.req.query("page")));
    return page(<NoticePage tenant={tenantOf(c)} notice={view} page={p} size={NOTICE_PAGE_SIZE} />);
  }),
);

// The A4 version for the paper board: the whole list, and a QR code back to the notice page.
publicSite.get("/notices/:id/print", (c) =>
  cachedPublic(c, HTML, async () => {
    const { view } = await noticeView(c, noticeId(c), 1, Number.MAX_SAFE_INTEGER);
    const url = absolute(c, `${base(c)}/notices/${view.id}`);
    return page(
      <NoticePrintPage
        tenant={tenantOf(c)}
        notice={view}
        url={url}
        qr={qrSvg(url, { title: `扫码查看${view.title}`, ecc: "M" })}
      />,
    );
  }),
);

publicSite.post("/notices/:id/objections", async (c) => {
  const id = noticeId(c);
  const values = formValues(await c.req.parseBody());
  const again = async (errors: FieldError[], message: string | undefined, status: 400 | 409 | 429) => {
    const { view, page: p } = await noticeView(c, id, 1);
    return htmlNow(
      c,
      await page(
        <NoticePage
          tenant={tenantOf(c)}
          notice={view}
          page={p}
          size={NOTICE_PAGE_SIZE}
          form={{ values, errors, message }}
        />,
      ),
      status,
    );
  };
  const parsed = ObjectionCreate.safeParse(values);
  if (!parsed.success) return again(fieldErrorsOf(parsed.error), "请更正下面标出的内容后再提交。", 400);
  try {
    const r = await submitObjection(c.var.ctx, id, parsed.data);
    return c.redirect(`${base(c)}/track?code=${r.trackingCode}&new=1`, 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 400 || err.status === 409 || err.status === 429)) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return again(err.fields, err.message, err.status as 400 | 409 | 429);
    }
    throw err;
  }
});

// --- self-query ---

publicSite.get("/query", (c) => cachedPublic(c, HTML, async () => page(<SelfQueryPage tenant={tenantOf(c)} />)));

publicSite.post("/query", async (c) => {
  const values = formValues(await c.req.parseBody());
  // The ID tail is never echoed back into the page.
  const shown = { name: values.name ?? "" };
  const parsed = SelfQueryForm.safeParse(values);
  if (!parsed.success)
    return htmlNow(
      c,
      await page(
        <SelfQueryPage
          tenant={tenantOf(c)}
          form={{ values: shown, errors: fieldErrorsOf(parsed.error), message: "请更正下面标出的内容。" }}
        />,
      ),
      400,
    );
  try {
    const receipts = await selfQuery(c.var.ctx, parsed.data.name, parsed.data.idTail);
    return htmlNow(c, await page(<SelfQueryPage tenant={tenantOf(c)} form={{ values: shown }} receipts={receipts} />));
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return htmlNow(
        c,
        await page(<SelfQueryPage tenant={tenantOf(c)} form={{ values: shown, message: err.message }} />),
        429,
      );
    }
    throw err;
  }
});

// --- feedback and tracking ---

publicSite.get("/feedback", (c) =>
  cachedPublic(c, HTML, async () => {
    const village = c.req.query("village");
    return page(
      <FeedbackPage
        tenant={tenantOf(c)}
        villages={await allVillagesBrief(c.var.ctx)}
        form={{ values: { villageCode: village && /^\d{12}$/.test(village) ? village : "" } }}
      />,
    );
  }),
);

publicSite.post("/feedback", async (c) => {
  const values = formValues(await c.req.parseBody());
  const again = async (errors: FieldError[], message: string | undefined, status: 400 | 429) =>
    htmlNow(
      c,
      await page(
        <FeedbackPage
          tenant={tenantOf(c)}
          villages={await allVillagesBrief(c.var.ctx)}
          form={{ values, errors, message }}
        />,
      ),
      status,
    );
  const parsed = FeedbackSubmit.safeParse(values);
  if (!parsed.success) return again(fieldErrorsOf(parsed.error), "请更正下面标出的内容后再提交。", 400);
  try {
    const r = await submitFeedback(c.var.ctx, parsed.data);
    return c.redirect(`${base(c)}/track?code=${r.trackingCode}&new=1`, 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 400 || err.status === 429)) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return again(err.fields, err.message, err.status as 400 | 429);
    }
    throw err;
  }
});

publicSite.get("/track", async (c) => {
  const code = (c.req.query("code") ?? "").trim().slice(0, 20);
  const fresh = c.req.query("new") === "1";
  if (!code) return htmlNow(c, await page(<TrackPage tenant={tenantOf(c)} code="" />));
  let result: TrackResult | null = null;
  const fb = await lookupFeedback(c.var.ctx, code);
  if (fb)
    result = {
      kind: "feedback",
      ...fb,
      text: scrubPublicText(fb.text),
      reply: fb.reply == null ? null : scrubPublicText(fb.reply),
    };
  else {
    const ob = await lookupObjection(c.var.ctx, code).catch((err) => {
      if (err instanceof AppError && err.code === "not_found") return null;
      throw err;
    });
    if (ob)
      result = {
        kind: "objection",
        ...ob,
        text: scrubPublicText(ob.text),
        reply: ob.reply == null ? null : scrubPublicText(ob.reply),
      };
  }
  if (!result)
    return htmlNow(
      c,
      await page(
        <TrackPage tenant={tenantOf(c)} code={code} error="没有这个查询码，请核对后重新输入（不区分大小写）" />,
      ),
      404,
    );
  return htmlNow(
    c,
    await page(<TrackPage tenant={tenantOf(c)} code={result.trackingCode} result={result} fresh={fresh} />),
  );
});

// --- ledger ---

const LEDGER_PAGE_SIZE = 30;
publicSite.get("/ledger", (c) =>
  cachedPublic(c, HTML, async () =>
    page(
      <LedgerPage
        tenant={tenantOf(c)}
        data={await ledgerEntriesDesc(c.var.ctx, intParam(c.req.query("page")), LEDGER_PAGE_SIZE)}
      />,
    ),
  ),
);
