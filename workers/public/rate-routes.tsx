import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { formatBallotCode, normalizeBallotCode } from "../lib/ballot-code.ts";
import { noStore } from "./cache.ts";
import { page } from "./routes.tsx";
import { RatePage } from "../../web/pages/public/rate.tsx";
import { BALLOT_STATE_MESSAGES, castBallot, lookupBallot } from "../reviews/ballots.ts";
import { BallotCast } from "../reviews/schemas.ts";

/**
 * `/t/:tenant/rate/:code`: the page a QR ballot slip opens. Small, no script, never cached (its
 * state changes with the code's single use).
 */
export const reviewsPublic = new Hono<AppEnv>();
const tenantOf = (c: Context<AppEnv>) => ({ slug: c.var.tenant.slug, name: c.var.tenant.name });

async function render(
  c: Context<AppEnv>,
  status: 200 | 400 | 404 | 409 | 429,
  extra: { message?: string; done?: boolean } = {},
) {
  const raw = c.req.param("code") ?? "";
  const code = normalizeBallotCode(raw);
  const shown = code ? formatBallotCode(code) : raw.slice(0, 20);
  const ballot = code ? await lookupBallot(c.var.ctx, code).catch(() => undefined) : undefined;
  const message =
    extra.message ??
    (!ballot
      ? "没有这张评议票，请核对票面上的评议码"
      : ballot.state !== "ready" && !extra.done
        ? BALLOT_STATE_MESSAGES[ballot.state]
        : undefined);
  noStore(c);
  return c.html(
    await page(
      <RatePage
        tenant={tenantOf(c)}
        code={code ?? shown}
        ballot={ballot}
        message={message}
        done={extra.done ?? false}
      />,
    ),
    !ballot && status === 200 ? 404 : status,
  );
}

reviewsPublic.get("/:code", (c) => render(c, 200));

reviewsPublic.post("/:code", async (c) => {
  const body = await c.req.parseBody();
  const parsed = BallotCast.safeParse({ rating: typeof body.rating === "string" ? body.rating : undefined });
  if (!parsed.success) return render(c, 400, { message: "请选择满意、基本满意或不满意" });
  try {
    await castBallot(c.var.ctx, c.req.param("code"), parsed.data.rating);
  } catch (err) {
    if (err instanceof AppError && [404, 409, 429].includes(err.status)) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return render(c, err.status as 404 | 409 | 429, { message: err.message });
    }
    throw err;
  }
  return render(c, 200, { done: true });
});
