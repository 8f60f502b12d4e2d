import { describe, expect, it } from "vitest";
import { call, postForm } from "../helpers/http.ts";
import { adminOf, paidBatch, publicVillage } from "./fixtures.ts";
import { PUBLIC_STYLE_HASH } from "../../web/styles/public.css.ts";

const T = "longquanyi";

describe("public pages", () => {
  it("tenant home: zh-CN, headline figures, village list with search, open notices, inline style allowed by its CSP hash", async () => {
    const v = await publicVillage(T, 2);
    const admin = await adminOf(T);
    await paidBatch(T, admin, v.households, 50_000, { pay: false });
    const res = await call(`/t/${T}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(html).toContain("成都市龙泉驿区");
    // The home lists townships (it stays small in a big county); each township page lists its villages.
    const townshipCode = v.villageCode.slice(0, 9);
    expect(html).toContain(`/t/${T}/townships/${townshipCode}"`);
    expect(html).not.toContain(`/t/${T}/v/${v.villageCode}`);
    const township = await call(`/t/${T}/townships/${townshipCode}`);
    expect(township.status).toBe(200);
    expect(await township.text()).toContain(`/t/${T}/v/${v.villageCode}`);
    expect((await call(`/t/${T}/townships/999999999`)).status).toBe(404);
    expect(html).toContain("正在公示");
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(res.headers.get("content-security-policy")).toContain(PUBLIC_STYLE_HASH);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);

    const found = await (await call(`/t/${T}/?q=${encodeURIComponent(v.villageName.slice(2, 6))}`)).text();
    expect(found).toContain(v.villageName);
    expect(found).toContain(`/t/${T}/v/${v.villageCode}`);
    const none = await (await call(`/t/${T}/?q=${encodeURIComponent("不存在的村名")}`)).text();
    expect(none).not.toContain(v.villageName);
    expect(none).toContain("没有找到");
  });

  it("village page: team, unit, pairing, payments by program (masked), links to the full list; 404 for unknown codes and other tenants' villages", async () => {
    const v = await publicVillage(T, 3);
    const admin = await adminOf(T);
    await paidBatch(T, admin, v.households, 120_000);
    const res = await call(`/t/${T}/v/${v.villageCode}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(v.villageName);
    expect(html).toContain(v.cadreName);
    expect(html).toContain("第一书记");
    expect(html).toContain(v.unitName);
    expect(html).toContain("028-84851234");
    expect(html).toContain("¥3,600"); // 3 × 1200
    expect(html).toContain(`/t/${T}/v/${v.villageCode}/payments?year=`);
    for (const h of v.households) {
      expect(html).not.toContain(h.name);
      expect(html).toContain(`${h.name[0]}*${h.name[2]}`);
    }

    const list = await call(`/t/${T}/v/${v.villageCode}/payments`);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("共 3 笔");
    for (const h of v.households) expect(listHtml).not.toContain(h.name);

    expect((await call(`/t/${T}/v/510112999999`)).status).toBe(404);
    expect((await call(`/t/${T}/v/not-a-code`)).status).toBe(404);
    const other = await publicVillage("pingchuan", 1);
    expect((await call(`/t/${T}/v/${other.villageCode}`)).status).toBe(404);
    expect((await call(`/t/pingchuan/v/${other.villageCode}`)).status).toBe(200);
    expect((await call(`/t/${T}/v/${other.villageCode}/data.json`)).status).toBe(404);
    expect((await call(`/t/${T}/v/${other.villageCode}/poster`)).status).toBe(404);
  });

  it("notice page: masked list, totals, period, objection form → tracking code → lookup; objections shown publicly without names", async () => {
    const v = await publicVillage(T, 2);
    const admin = await adminOf(T);
    const { noticeId } = await paidBatch(T, admin, v.households, 80_000, { pay: false });
    const res = await call(`/t/${T}/notices/${noticeId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("公示期");
    expect(html).toContain("¥1,600.00");
    expect(html).toContain(`${v.households[0]!.name[0]}*${v.households[0]!.name[2]}`);
    expect(html).not.toContain(v.households[0]!.name);
    expect(html).toContain('action="/t/longquanyi/notices/');
    expect(html).toMatch(/[0-9a-f]{64}/);

    const posted = await postForm(`/t/${T}/notices/${noticeId}/objections`, {
      lineNo: "1",
      text: "金额与实际不符",
      name: "举报人甲",
      contact: "13912345678",
    });
    expect(posted.status).toBe(303);
    const location = posted.headers.get("location")!;
    const code = new URL(location, "https://x").searchParams.get("code")!;
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    const track = await call(location);
    expect(track.status).toBe(200);
    expect(track.headers.get("cache-control")).toBe("no-store");
    const trackHtml = await track.text();
    expect(trackHtml).toContain(code);
    expect(trackHtml).toContain("金额与实际不符");
    expect(trackHtml).toContain("待答复");

    const after = await (await call(`/t/${T}/notices/${noticeId}`)).text();
    expect(after).toContain("（内容待审核）");
    expect(after).not.toContain("金额与实际不符");
    expect(after).not.toContain("举报人甲");
    expect(after).not.toContain("13912345678");

    const bad = await postForm(`/t/${T}/notices/${noticeId}/objections`, { text: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请填写异议内容");
    expect((await call(`/t/${T}/notices/99999999`)).status).toBe(404);
    expect((await call(`/t/${T}/track?code=ZZZZZZZZZZ`)).status).toBe(404);
  });

  it("ledger, open data (JSON + CSV with schema), QR poster and township sheet", async () => {
    const v = await publicVillage(T, 2);
    const admin = await adminOf(T);
    await paidBatch(T, admin, v.households, 30_000);
    const ledger = await call(`/t/${T}/ledger`);
    expect(ledger.status).toBe(200);
    const lh = await ledger.text();
    // Plain words and a download for villagers; the command line stays in the README.
    expect(lh).toContain("这本账能证明什么");
    expect(lh).toContain("下载账本文件");
    expect(lh).not.toContain("verify-ledger.mjs");
    expect(lh).toContain(`/t/${T}/api/v1/ledger/export`);

    const od = await call(`/t/${T}/open-data`);
    expect(od.status).toBe(200);
    expect(await od.text()).toContain("字段说明");

    const json = await call(`/t/${T}/v/${v.villageCode}/data.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toContain("application/json");
    const data = (await json.json()) as {
      schema: string;
      village: { code: string };
      payments: { totalFen: number }[];
      team: { name: string }[];
    };
    expect(data.schema).toContain("/open-data#schema");
    expect(data.village.code).toBe(v.villageCode);
    expect(data.payments.reduce((s, p) => s + p.totalFen, 0)).toBe(60_000);
    expect(data.team[0]!.name).toBe(v.cadreName);

    const csv = await call(`/t/${T}/v/${v.villageCode}/payments.csv`);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("300.00");
    for (const h of v.households) expect(text).not.toContain(h.name);
    for (const f of ["projects.csv", "decisions.csv"])
      expect((await call(`/t/${T}/v/${v.villageCode}/${f}`)).status).toBe(200);

    const poster = await call(`/t/${T}/v/${v.villageCode}/poster`);
    expect(poster.status).toBe(200);
    const ph = await poster.text();
    expect(ph).toContain("<svg");
    expect(ph).toContain(`https://bangfu.test/t/${T}/v/${v.villageCode}`);
    expect(ph).toContain("@page{size:A4");
    const sheet = await call(`/t/${T}/townships/${v.townshipCode}/posters`);
    expect(sheet.status).toBe(200);
    expect((await sheet.text()).match(/<svg/g)!.length).toBeGreaterThanOrEqual(1);
    expect((await call(`/t/${T}/townships/510112998/posters`)).status).toBe(404);
  });
});
