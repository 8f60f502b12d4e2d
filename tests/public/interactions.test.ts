import { describe, expect, it } from "vitest";
import { api, call, postForm, ORIGIN } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { SELF } from "cloudflare:test";
import { adminOf, paidBatch, publicVillage } from "./fixtures.ts";

const T = "longquanyi";
let ipSeq = 0;
const ip = () => `203.0.113.${++ipSeq}`;

function selfQuery(name: string, idTail: string, client: string) {
  return SELF.fetch(`${ORIGIN}/t/${T}/query`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": client },
    body: new URLSearchParams({ name, idTail }).toString(),
    redirect: "manual",
  });
}

/** The result section of a self-query page, which must not depend on whether the person exists. */
const resultOf = (html: string) => html.slice(html.indexOf("<section"), html.indexOf("</section>") + 10);

describe("self-query 查询本人补贴", () => {
  it("shows only the matching household's receipts; a mismatch has exactly the same answer as a person with nothing", async () => {
    const v = await publicVillage(T, 3);
    const admin = await adminOf(T);
    const [paid, , unpaid] = v.households;
    await paidBatch(T, admin, [paid!], 66_600);
    await paidBatch(T, admin, [v.households[1]!], 77_700);
    const client = ip();
    const hit = await selfQuery(paid!.name, paid!.idNumber.slice(-6), client);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("cache-control")).toBe("no-store");
    const hitHtml = await hit.text();
    expect(hitHtml).toContain("¥666.00");
    expect(hitHtml).not.toContain("¥777.00");
    expect(hitHtml).not.toContain(paid!.idNumber.slice(-6));

    const nobody = resultOf(await (await selfQuery("查无此人", "12345X", client)).text());
    const wrongTail = resultOf(await (await selfQuery(paid!.name, "000000", client)).text());
    const nothingPaid = resultOf(await (await selfQuery(unpaid!.name, unpaid!.idNumber.slice(-6), client)).text());
    expect(nobody).toContain("没有查到");
    expect(wrongTail).toBe(nobody);
    expect(nothingPaid).toBe(nobody);

    const audits = await TENANT_DB[T]!.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'public.self_query' AND actor_role = 'anonymous'",
    ).first<{ n: number }>();
    expect(audits!.n).toBeGreaterThanOrEqual(4);
    const leak = await TENANT_DB[T]!.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'public.self_query' AND (after LIKE ? OR after LIKE ?)",
    )
      .bind(`%${paid!.name}%`, `%${paid!.idNumber.slice(-6)}%`)
      .first<{ n: number }>();
    expect(leak!.n).toBe(0);
  });

  it("is rate-limited per client (429 with Retry-After), other clients unaffected; bad input is a 400 form", async () => {
    const client = ip();
    for (let i = 0; i < 10; i++) expect((await selfQuery("王小明", "123456", client)).status).toBe(200);
    const limited = await selfQuery("王小明", "123456", client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("提交过于频繁");
    expect((await selfQuery("王小明", "123456", ip())).status).toBe(200);
    const bad = await selfQuery("王", "12ab", ip());
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("最后 6 位");
  });
});

describe("feedback 意见建议", () => {
  it("round trip: form → tracking code → officer answers (API) → lookup shows the reply; a public reply appears on the village page", async () => {
    const v = await publicVillage(T, 1);
    const form = await call(`/t/${T}/feedback?village=${v.villageCode}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${v.villageCode}" selected`);
    const posted = await postForm(`/t/${T}/feedback`, {
      villageCode: v.villageCode,
      category: "suggestion",
      text: "村口道路需要安装路灯，电话13800138000",
      contact: "13800138000",
    });
    expect(posted.status).toBe(303);
    const code = new URL(posted.headers.get("location")!, ORIGIN).searchParams.get("code")!;
    const row = await TENANT_DB[T]!.prepare("SELECT id, contact_enc FROM feedback WHERE tracking_code = ?")
      .bind(code)
      .first<{ id: number; contact_enc: string }>();
    expect(row!.contact_enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(row!.contact_enc).not.toContain("13800138000");
    expect(await (await call(`/t/${T}/track?code=${code.toLowerCase()}`)).text()).toContain("待答复");

    const before = await call(`/t/${T}/v/${v.villageCode}`);
    const etag = before.headers.get("etag")!;
    const officer = await signIn(T, "township_officer", { townshipCode: v.townshipCode });
    const otherOfficer = await signIn(T, "township_officer", { townshipCode: "510112001" });
    expect(
      (
        await api(T, `/feedback/${row!.id}/answer`, {
          token: otherOfficer.token,
          json: { reply: "好的，收到", replyPublic: true },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(T, `/feedback/${row!.id}/answer`, {
          token: (await signIn(T, "finance_officer")).token,
          json: { reply: "好的，收到", replyPublic: true },
        })
      ).status,
    ).toBe(403);
    const bad = await api(T, `/feedback/${row!.id}/answer`, { token: officer.token, json: { reply: "" } });
    expect(bad.status).toBe(400);
    const ok = await api(T, `/feedback/${row!.id}/answer`, {
      token: officer.token,
      json: { reply: "已列入今年计划，预计 10 月安装。", replyPublic: true },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(
      (
        await api(T, `/feedback/${row!.id}/answer`, {
          token: officer.token,
          json: { reply: "再答一次", replyPublic: true },
        })
      ).status,
    ).toBe(409);

    const track = await (await call(`/t/${T}/track?code=${code}`)).text();
    expect(track).toContain("已列入今年计划");
    const after = await call(`/t/${T}/v/${v.villageCode}`);
    expect(after.headers.get("etag")).not.toBe(etag);
    const html = await after.text();
    expect(html).toContain("已列入今年计划");
    // Villagers' text is held for review (tests/rules/public-free-text.test.ts): only the reply shows.
    expect(html).toContain("（内容待审核）");
    expect(html).not.toContain("13800138000");
  });

  it("validates the form and rate-limits per client", async () => {
    const bad = await postForm(`/t/${T}/feedback`, { category: "suggestion", text: "短" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("至少写 5 个字");
    expect((await postForm(`/t/${T}/feedback`, { category: "nonsense", text: "足够长的一段内容" })).status).toBe(400);
    expect(
      (
        await postForm(`/t/${T}/feedback`, {
          villageCode: "510112999999",
          category: "inquiry",
          text: "足够长的一段内容",
        })
      ).status,
    ).toBe(400);
    const client = ip();
    const send = () =>
      SELF.fetch(`${ORIGIN}/t/${T}/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": client },
        body: new URLSearchParams({ category: "inquiry", text: "请问补贴什么时候发放？" }).toString(),
        redirect: "manual",
      });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(303);
    expect((await send()).status).toBe(429);
  });
});

describe("cache: per tenant, keyed by the ledger head", () => {
  it("answers 304 to If-None-Match until something is published, then a new ETag with the new content", async () => {
    const v = await publicVillage(T, 1);
    const admin = await adminOf(T);
    const url = `/t/${T}/v/${v.villageCode}`;
    const first = await call(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"v\d+-[0-9a-f]{8}"$/);
    const seq = Number(first.headers.get("x-ledger-head"));
    const again = await call(url, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const hit = await call(url);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.headers.get("etag")).toBe(etag);

    const created = await api(T, "/projects", {
      token: admin.token,
      json: {
        villageCode: v.villageCode,
        name: "村道硬化工程",
        fundSource: "county",
        budgetFen: 35_000_000,
        spentFen: 10_000_000,
        status: "in_progress",
        startDate: "2026-03-01",
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const changed = await call(url, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(Number(changed.headers.get("x-ledger-head"))).toBeGreaterThan(seq);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("村道硬化工程");
    // the other tenant's pages are not affected by this tenant's publication
    const other = await call(`/t/pingchuan/ledger`);
    expect(Number(other.headers.get("x-ledger-head"))).not.toBe(Number(changed.headers.get("x-ledger-head")));
  });

  it("never caches answers with personal input", async () => {
    expect((await call(`/t/${T}/track`)).headers.get("cache-control")).toBe("no-store");
  });
});
