import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { qrSvg } from "../lib/qr.ts";
import { formatBallotCode } from "../lib/ballot-code.ts";
import { ReviewDetailPage, ReviewListPage, ReviewNewPage } from "../../web/pages/admin/reviews.tsx";
import { BallotSlipsPage } from "../../web/pages/public/rate.tsx";
import { BallotCodesRequest, PaperBallots, ReviewCreate, ReviewQuery } from "./schemas.ts";
import * as svc from "./service.ts";

/** A complete HTML document (the printable slips stand alone, outside the admin shell). */
const page = async (el: unknown) =>
  `<!doctype html>${await (el as { toString(): string | Promise<string> }).toString()}`;

export const reviewsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "述职评议已登记", paper: "纸质票已录入", published: "评议结果已公布" };

reviewsAdmin.get("/", requirePermission("assessments.read"), async (c) => {
  const filter = {
    year: c.req.query("year") || undefined,
    kind: c.req.query("kind") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = ReviewQuery.safeParse(filter);
  const list = await svc.listReviews(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "述职评议",
    nav: "reviews",
    children: (
      <ReviewListPage
        base={base(c)}
        apiBase={`/t/${c.var.tenant.slug}/api/v1`}
        page={list}
        filter={{ year: filter.year, kind: filter.kind }}
        canManage={can(c.var.user!.role, "reviews.manage")}
      />
    ),
  });
});

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "登记述职评议",
    nav: "reviews",
    status,
    children: (
      <ReviewNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        villages={await svc.reviewVillageOptions(c.var.ctx)}
        {...state}
      />
    ),
  });

reviewsAdmin.get("/new", requirePermission("reviews.manage"), (c) =>
  newPage(c, { values: { year: String(new Date().getFullYear()), kind: "team_report" }, errors: [] }, 200 as never),
);

reviewsAdmin.post(
  "/",
  requirePermission("reviews.manage"),
  formCsrf,
  formValidator(ReviewCreate, newPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createReview(c.var.ctx, data),
      (r) => `${base(c)}/reviews/${r.id}?done=created`,
    );
  },
);

function reviewId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", "没有这次述职评议");
  return id;
}

const detail =
  (which: "paper" | "codes" | "publish"): FormPage<TextValues> =>
  async (c, state, status) => {
    const review = await svc.getReview(c.var.ctx, reviewId(c));
    return renderAdmin(c, {
      title: review.subjectName,
      nav: "reviews",
      status,
      flash: flashFrom(c, FLASH),
      children: (
        <ReviewDetailPage
          base={base(c)}
          csrf={c.var.user!.csrfToken}
          review={review}
          canManage={can(c.var.user!.role, "reviews.manage")}
          now={c.var.ctx.now()}
          form={{ ...state, which }}
        />
      ),
    });
  };

reviewsAdmin.get("/:id", requirePermission("assessments.read"), (c) =>
  detail("paper")(c, { values: {}, errors: [] }, 200 as never),
);

reviewsAdmin.post(
  "/:id/paper-ballots",
  requirePermission("reviews.manage"),
  formCsrf,
  formValidator(PaperBallots, detail("paper")),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = reviewId(c);
    return submitForm(
      c,
      detail("paper"),
      values,
      () => svc.recordPaperBallots(c.var.ctx, id, data),
      () => `${base(c)}/reviews/${id}?done=paper`,
      { propagate: ["not_found"] },
    );
  },
);

reviewsAdmin.post(
  "/:id/ballot-codes",
  requirePermission("reviews.manage"),
  formCsrf,
  formValidator(BallotCodesRequest, detail("codes")),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = reviewId(c);
    return submitForm(
      c,
      detail("codes"),
      values,
      () => svc.issueBallotCodes(c.var.ctx, id, data.count),
      async (codes) => {
        const review = await svc.getReview(c.var.ctx, id);
        const origin = new URL(c.req.url).origin;
        const slips = codes.map((code) => {
          const url = `${origin}/t/${c.var.tenant.slug}/rate/${code}`;
          return { code: formatBallotCode(code), url, qr: qrSvg(url, { title: "扫码评议", ecc: "M" }) };
        });
        c.header("Cache-Control", "no-store");
        return c.html(
          await page(
            <BallotSlipsPage
              tenant={{ slug: c.var.tenant.slug, name: c.var.tenant.name }}
              title={`${review.subjectName} · 评议二维码票`}
              backUrl={`${base(c)}/reviews/${id}`}
              slips={slips}
            />,
          ),
          201,
        );
      },
      { propagate: ["not_found"] },
    );
  },
);

reviewsAdmin.post("/:id/publish", requirePermission("reviews.manage"), formCsrf, async (c) => {
  const id = reviewId(c);
  return submitForm(
    c,
    detail("publish"),
    {} as TextValues,
    () => svc.publishReview(c.var.ctx, id),
    () => `${base(c)}/reviews/${id}?done=published`,
    { propagate: ["not_found"] },
  );
});
