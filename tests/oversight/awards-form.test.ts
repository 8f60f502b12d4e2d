import { describe, expect, it } from "vitest";
import { postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadreFixture, createProgram, registryFixture } from "../helpers/money-fixtures.ts";

const T = "longquanyi";

/** The 登记表彰 form of a page: from its opening tag to its end (the filter form above it also has a year). */
function createForm(html: string): string {
  const start = html.indexOf(`<form method="post" action="/t/${T}/admin/awards"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</form>", start));
}

describe("登记表彰 form after a refusal", () => {
  it("shows the rejected year and every other value again, with the reason under the year", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const { cadreId } = await cadreFixture(T, unitId, villageId, "first_secretary", "吴回显");
    const program = await createProgram(T, admin.token, {
      category: "award",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 150_000,
    });
    const res = await postForm(
      `/t/${T}/admin/awards`,
      {
        year: "1999",
        kind: "excellent_cadre",
        recipientId: `cadre:${cadreId}`,
        programId: String(program.id),
        assessmentId: "",
        citation: "驻村成效突出",
        _csrf: admin.csrfToken,
      },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    // The label 年度 of the form points at the form's own year (the filter above has a year too).
    expect(html.match(/id="f-year"/g)).toHaveLength(1);
    const form = createForm(html);
    expect(form).toMatch(/<label for="f-year">/);
    expect(form).toMatch(/id="f-year"[^>]*value="1999"/);
    expect(form).toMatch(/name="year"[^>]*value="1999"/);
    expect(form).toContain("年度应在");
    expect(form).toMatch(/value="excellent_cadre" selected/);
    expect(form).toContain(`value="cadre:${cadreId}" selected`);
    expect(form).toContain(`value="${program.id}" selected`);
    expect(form).toContain('value="驻村成效突出"');
  });

  it("keeps the year of a refused duplicate (409) too", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const { cadreId } = await cadreFixture(T, unitId, villageId, "first_secretary", "郑回显");
    const program = await createProgram(T, admin.token, {
      category: "award",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 150_000,
    });
    const fields = {
      year: "2024",
      kind: "excellent_cadre",
      recipientId: `cadre:${cadreId}`,
      programId: String(program.id),
      citation: "连续两年成效突出",
      _csrf: admin.csrfToken,
    };
    expect((await postForm(`/t/${T}/admin/awards`, fields, { cookie: admin.cookie })).status).toBe(303);
    const again = await postForm(`/t/${T}/admin/awards`, fields, { cookie: admin.cookie });
    expect(again.status).toBe(409);
    const form = createForm(await again.text());
    expect(form).toContain("不能重复表彰");
    expect(form).toMatch(/name="year"[^>]*value="2024"/);
  });
});
