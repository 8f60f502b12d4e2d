import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { createDecision, freshIp, householdSetup, objectionIdOf, objectOk } from "./fixtures.ts";

const T = "longquanyi";

/** A fresh open notice (one household decision) in its own township, and an objection with a contact. */
async function objectionWithContact(contact: string) {
  const admin = await signIn(T, "county_admin");
  const hh = await householdSetup(T);
  const d = await createDecision(T, admin.token, hh.householdId);
  const { trackingCode } = await objectOk(T, d.noticeId, { text: "该户家中新建了楼房", name: "王小二", contact });
  return { admin, township: hh.township, trackingCode, id: await objectionIdOf(T, trackingCode) };
}

async function revealEntries(action: string, entityId: string) {
  return (
    await TENANT_DB[T]!.prepare("SELECT actor_id, after FROM audit_log WHERE action = ? AND entity_id = ?")
      .bind(action, entityId)
      .all<{ actor_id: number; after: string }>()
  ).results;
}

describe("revealing an objector's contact", () => {
  it("needs pii.reveal, the notice in scope and a 2–200 character reason; the reveal is audited with the reason", async () => {
    const o = await objectionWithContact("13800138000");
    const path = `/objections/${o.id}/reveal-contact`;
    const noReason = await api(T, path, { token: o.admin.token, json: { reason: "x" } });
    expect(noReason.status).toBe(400);
    expect((await problem(noReason)).errors).toEqual([
      expect.objectContaining({ field: "reason", message: "查看原因至少 2 个字" }),
    ]);
    const cadre = await signIn(T, "cadre");
    expect((await api(T, path, { token: cadre.token, json: { reason: "回访异议人" } })).status).toBe(403);
    const elsewhere = await signIn(T, "township_officer");
    expect((await api(T, path, { token: elsewhere.token, json: { reason: "回访异议人" } })).status).toBe(404);
    const other = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", path, { token: other.token, json: { reason: "回访异议人" } })).status).toBe(404);
    expect(await revealEntries("objection.reveal_contact", o.trackingCode)).toEqual([]);

    const officer = await signIn(T, "township_officer", { townshipCode: o.township });
    const res = await api(T, path, { token: officer.token, json: { reason: "回访异议人" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: o.id, contact: "13800138000" });
    const entries = await revealEntries("objection.reveal_contact", o.trackingCode);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_id).toBe(officer.id);
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ objectionId: o.id, reason: "回访异议人" });
    expect(entries[0]!.after).not.toContain("13800138000");
  });

  it("refuses a contact ciphertext copied from another objection (422, not the other person's contact)", async () => {
    const a = await objectionWithContact("13911112222");
    const b = await objectionWithContact("13933334444");
    await TENANT_DB[T]!.prepare(
      "UPDATE objections SET contact_enc = (SELECT contact_enc FROM objections WHERE id = ?) WHERE id = ?",
    )
      .bind(a.id, b.id)
      .run();
    const res = await api(T, `/objections/${b.id}/reveal-contact`, { token: b.admin.token, json: { reason: "回访" } });
    expect(res.status).toBe(422);
    expect(await res.text()).not.toContain("13911112222");
    expect(await revealEntries("objection.reveal_contact", b.trackingCode)).toEqual([]);
  });

  it("shows a reason field and button in the admin inbox; the POST with a reason shows the contact", async () => {
    const o = await objectionWithContact("13755556666");
    const inbox = await (await call(`/t/${T}/admin/objections`, { headers: { Cookie: o.admin.cookie } })).text();
    expect(inbox).toContain(`/objections/${o.id}/reveal-contact`);
    expect(inbox).not.toContain("13755556666");
    const bad = await postForm(
      `/t/${T}/admin/objections/${o.id}/reveal-contact`,
      { _csrf: o.admin.csrfToken, reason: "" },
      { cookie: o.admin.cookie },
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("查看原因至少 2 个字");
    expect(badHtml).not.toContain("13755556666");
    const ok = await postForm(
      `/t/${T}/admin/objections/${o.id}/reveal-contact`,
      { _csrf: o.admin.csrfToken, reason: "电话核实异议内容" },
      { cookie: o.admin.cookie },
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("13755556666");
    expect(await revealEntries("objection.reveal_contact", o.trackingCode)).toHaveLength(1);
  });
});

describe("revealing a feedback contact", () => {
  async function feedbackWithContact(contact: string) {
    const res = await api(T, "/public/feedback", {
      json: { category: "complaint", text: "低保评定不公平，请核查", contact },
      headers: { "CF-Connecting-IP": freshIp() },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { trackingCode } = (await res.json()) as { trackingCode: string };
    const row = await TENANT_DB[T]!.prepare("SELECT id, contact_enc FROM feedback WHERE tracking_code = ?")
      .bind(trackingCode)
      .first<{ id: number; contact_enc: string }>();
    return { id: row!.id, enc: row!.contact_enc };
  }

  it("needs pii.reveal and a reason, audits the reason, and refuses a ciphertext of another row", async () => {
    const admin = await signIn(T, "county_admin");
    const a = await feedbackWithContact("13622223333");
    const b = await feedbackWithContact("13644445555");
    expect(a.enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect((await api(T, `/feedback/${a.id}/reveal-contact`, { token: admin.token, json: {} })).status).toBe(400);
    const cadre = await signIn(T, "cadre");
    expect(
      (await api(T, `/feedback/${a.id}/reveal-contact`, { token: cadre.token, json: { reason: "回访" } })).status,
    ).toBe(403);
    const other = await signIn("pingchuan", "county_admin");
    expect(
      (await api("pingchuan", `/feedback/${a.id}/reveal-contact`, { token: other.token, json: { reason: "回访" } }))
        .status,
    ).toBe(404);
    const res = await api(T, `/feedback/${a.id}/reveal-contact`, {
      token: admin.token,
      json: { reason: "回访投诉人" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: a.id, contact: "13622223333" });
    const entries = await revealEntries("feedback.reveal_contact", String(a.id));
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ reason: "回访投诉人" });

    await TENANT_DB[T]!.prepare("UPDATE feedback SET contact_enc = ? WHERE id = ?").bind(a.enc, b.id).run();
    const copied = await api(T, `/feedback/${b.id}/reveal-contact`, { token: admin.token, json: { reason: "回访" } });
    expect(copied.status).toBe(422);
    expect(await copied.text()).not.toContain("13622223333");
  });
});
