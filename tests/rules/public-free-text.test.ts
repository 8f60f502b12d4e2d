import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { createDecision, householdSetup, objectOk, objectionIdOf } from "../notices/fixtures.ts";

/** Issue "Integrity holes", privacy: public free text is shown only after an officer publishes an edited version. */
const T = "dazhou";

describe("objection text on the public notice", () => {
  it("holds the text for review; shows only the officer's edited version; the original stays private", async () => {
    const admin = await signIn(T, "county_admin");
    const h = await householdSetup(T);
    const d = await createDecision(T, admin.token, h.householdId);
    const { trackingCode } = await objectOk(T, d.noticeId, { text: "邻居王秀英说该户在城里有房" });
    const pub = async () => (await (await call(`/t/${T}/api/v1/public/notices/${d.noticeId}`)).text()) as string;
    const before = await pub();
    expect(before).not.toContain("王秀英");
    expect(before).toContain("（内容待审核）");
    const id = await objectionIdOf(T, trackingCode);
    const res = await api(T, `/objections/${id}/public-text`, {
      token: admin.token,
      json: { publicText: "有村民反映该户在城里有房" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await pub();
    expect(after).toContain("有村民反映该户在城里有房");
    expect(after).not.toContain("王秀英");
    const officerView = (await (await api(T, `/notices/${d.noticeId}`, { token: admin.token })).json()) as {
      objections: { text: string }[];
    };
    expect(officerView.objections[0]!.text).toContain("王秀英");
  });
});
