import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { createProgram } from "../helpers/money-fixtures.ts";

type Rates = { honourUpliftPct: number; rates: { post: string; amountFen: number }[] };
const page = (tenant: string, programId: number) => `/t/${tenant}/admin/village-official-pay-rates/${programId}`;
const ratesOf = async (tenant: string, token: string, programId: number) =>
  (await (await api(tenant, `/village-official-pay-rates/${programId}`, { token })).json()) as Rates;

async function villageCadreProgram(tenant: string, token: string) {
  return createProgram(tenant, token, {
    name: `村干部基础补贴${crypto.randomUUID().slice(0, 8)}`,
    category: "village_cadre_pay",
    recipientKind: "village_official",
    ruleKind: "per_month",
    ruleAmountFen: 50_000,
    honourUpliftPct: 20,
  });
}

describe("村干部岗位标准 screen (/admin/village-official-pay-rates/:programId)", () => {
  it("is reached from the program page and saves rates by post and the honour uplift through the API's schema", async () => {
    const T = "pingchuan";
    const finance = await signIn(T, "finance_officer");
    const program = await villageCadreProgram(T, finance.token);

    const programPage = await call(`/t/${T}/admin/programs/${program.id}`, { headers: { Cookie: finance.cookie } });
    expect(await programPage.text()).toContain(`/admin/village-official-pay-rates/${program.id}`);

    const form = await call(page(T, program.id), { headers: { Cookie: finance.cookie } });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(program.name);
    expect(html).toContain("项目标准");
    const fields = {
      _csrf: csrfOf(html),
      rate_party_secretary: "560",
      rate_committee_director: "560",
      rate_clerk: "540",
      rate_group_leader: "",
      honourUpliftPct: "20",
    };
    const saved = await postForm(page(T, program.id), fields, { cookie: finance.cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toContain("done=saved");
    const after = await ratesOf(T, finance.token, program.id);
    expect(after.honourUpliftPct).toBe(20);
    expect(after.rates).toEqual(
      expect.arrayContaining([
        { post: "party_secretary", amountFen: 56_000 },
        { post: "committee_director", amountFen: 56_000 },
        { post: "clerk", amountFen: 54_000 },
      ]),
    );
    expect(after.rates).toHaveLength(3);
    // The screen shows the uplifted amount: 560 元 → 672 元 with a provincial honour (seed 002).
    const shown = await (await call(page(T, program.id), { headers: { Cookie: finance.cookie } })).text();
    expect(shown).toContain("¥672.00");
    expect(shown).toContain('value="540.00"');

    const uplift = await postForm(
      page(T, program.id),
      { ...fields, honourUpliftPct: "25" },
      { cookie: finance.cookie },
    );
    expect(uplift.status).toBe(303);
    expect((await ratesOf(T, finance.token, program.id)).honourUpliftPct).toBe(25);
  });

  it("refuses bad amounts and uplifts beside the field, changing nothing", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const program = await villageCadreProgram(T, admin.token);
    const csrf = csrfOf(await (await call(page(T, program.id), { headers: { Cookie: admin.cookie } })).text());

    const bad = await postForm(
      page(T, program.id),
      { _csrf: csrf, rate_party_secretary: "560", rate_clerk: "五百", honourUpliftPct: "20" },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="f-rate_clerk-err"');
    expect(badHtml).toContain('value="五百"');

    const zero = await postForm(
      page(T, program.id),
      { _csrf: csrf, rate_member: "0", honourUpliftPct: "20" },
      { cookie: admin.cookie },
    );
    expect(zero.status).toBe(400);
    expect(await zero.text()).toContain('id="f-rate_member-err"');

    const tooHigh = await postForm(
      page(T, program.id),
      { _csrf: csrf, rate_member: "500", honourUpliftPct: "150" },
      { cookie: admin.cookie },
    );
    expect(tooHigh.status).toBe(400);
    expect(await tooHigh.text()).toContain("上浮比例不超过 100%");

    expect(await ratesOf(T, admin.token, program.id)).toMatchObject({ honourUpliftPct: 20, rates: [] });
  });

  it("offers no form for a program that pays others, and refuses rates for it", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const households = await createProgram(T, admin.token, {
      recipientKind: "household",
      category: "industry_support",
    });
    const programPage = await call(`/t/${T}/admin/programs/${households.id}`, { headers: { Cookie: admin.cookie } });
    expect(await programPage.text()).not.toContain("/admin/village-official-pay-rates/");
    const screen = await call(page(T, households.id), { headers: { Cookie: admin.cookie } });
    const html = await screen.text();
    expect(html).toContain("不能设置岗位标准");
    expect(html).not.toContain('name="honourUpliftPct"');
    const refused = await postForm(
      page(T, households.id),
      { _csrf: csrfOf(html), rate_member: "500", honourUpliftPct: "20" },
      { cookie: admin.cookie },
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("发放对象为“村干部”");
  });

  it("lets the auditor read but not save; township officers and other tenants' ids are refused", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const program = await villageCadreProgram(T, admin.token);
    const auditor = await signIn(T, "auditor");
    const read = await call(page(T, program.id), { headers: { Cookie: auditor.cookie } });
    expect(read.status).toBe(200);
    const readHtml = await read.text();
    expect(readHtml).not.toContain('name="honourUpliftPct"');
    const save = await postForm(
      page(T, program.id),
      { _csrf: auditor.csrfToken, rate_member: "500", honourUpliftPct: "20" },
      { cookie: auditor.cookie },
    );
    expect(save.status).toBe(403);

    const township = await signIn(T, "township_officer", { townshipCode: "620403001" });
    expect((await call(page(T, program.id), { headers: { Cookie: township.cookie } })).status).toBe(403);

    const other = await signIn("longquanyi", "county_admin");
    expect((await call(page("longquanyi", program.id), { headers: { Cookie: other.cookie } })).status).toBe(404);
    expect((await ratesOf(T, admin.token, program.id)).rates).toEqual([]);
  });

  it("sets the uplift through the API too, with the same schema", async () => {
    const T = "pingchuan";
    const finance = await signIn(T, "finance_officer");
    const program = await villageCadreProgram(T, finance.token);
    const put = await api(T, `/village-official-pay-rates/${program.id}`, {
      method: "PUT",
      token: finance.token,
      json: { rates: [{ post: "party_secretary", amountFen: 56_000 }], honourUpliftPct: 30 },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      honourUpliftPct: 30,
      rates: [{ post: "party_secretary", amountFen: 56_000 }],
    });
    const bad = await api(T, `/village-official-pay-rates/${program.id}`, {
      method: "PUT",
      token: finance.token,
      json: { rates: [], honourUpliftPct: 101 },
    });
    expect(bad.status).toBe(400);
    expect((await ratesOf(T, finance.token, program.id)).honourUpliftPct).toBe(30);
  });
});
