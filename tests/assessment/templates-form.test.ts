import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";

/** The 考核清单 form speaks Chinese: 依据 and 一票否决上限 are typed by their names, never by keys. */
const T = "dazhou";
const PATH = `/t/${T}/admin/assessment-templates`;
let year = 2060;

describe("assessment template form", () => {
  it("shows and takes the evidence sources and veto caps by their Chinese names", async () => {
    const admin = await signIn(T, "county_admin");
    const page = await (await call(PATH, { headers: { Cookie: admin.cookie } })).text();
    expect(page).toContain("驻村天数|驻村天数|25|200");
    expect(page).toContain("最高称职");
    expect(page).not.toMatch(/resident_days|shell_village|competent/);

    const y = ++year;
    const items = "驻村天数|驻村天数（已确认）|40|200\n组织评价|人工评分|60\n集体经济空壳村|集体经济空壳村|0||最高称职";
    const res = await postForm(
      PATH,
      { _csrf: admin.csrfToken, year: String(y), role: "team_member", name: "队员考核清单", items },
      { cookie: admin.cookie },
    );
    expect(res.status, await res.clone().text()).toBe(303);
    const list = (await (await api(T, `/assessment-templates?year=${y}`, { token: admin.token })).json()) as {
      items: { year: number; items: { source: string; vetoCap: string | null }[] }[];
    };
    const tpl = list.items.find((t) => t.year === y)!;
    expect(tpl.items.map((i) => [i.source, i.vetoCap ?? null])).toEqual([
      ["resident_days", null],
      ["manual", null],
      ["shell_village", "competent"],
    ]);
  });

  it("refuses an unknown 依据 in Chinese and records nothing", async () => {
    const admin = await signIn(T, "county_admin");
    const y = ++year;
    const res = await postForm(
      PATH,
      { _csrf: admin.csrfToken, year: String(y), role: "team_member", name: "清单", items: "某项|掷骰子|100" },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("第 1 行：依据只能是");
    const list = (await (await api(T, `/assessment-templates?year=${y}`, { token: admin.token })).json()) as {
      items: { year: number }[];
    };
    expect(list.items.filter((t) => t.year === y)).toEqual([]);
  });
});
