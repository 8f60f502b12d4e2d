import { cadres, units } from "../../db/schema/tenant/people.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { searchHashes, type PiiKeys } from "../lib/pii-crypto.ts";

import { normalizePhone, PHONE_MESSAGE } from "./schemas.ts";
import { phoneColumns } from "./service.ts";
import { nextRowId } from "../domain/pii-fields.ts";

type Key = "name" | "unit" | "position" | "phone" | "officePhone" | "partyMember" | "reservePool";
interface Row {
  name: string;
  unitId: number;
  position: string | null;
  phone: string | null;
  officePhone: string | null;
  partyMember: boolean;
  reservePool: boolean;
}
interface Prep {
  keys: PiiKeys;
  unitByName: Map<string, number>;
  /** name|unitId|phoneHash of every cadre already registered, and of the rows seen so far. */
  existing: Set<string>;
  seen: Set<string>;
}

const identity = (name: string, unitId: number, phoneHash: string | null) => `${name}|${unitId}|${phoneHash ?? ""}`;

function yesNo(v: string, fallback: boolean): boolean | null {
  const t = v.trim().toLowerCase();
  if (t === "") return fallback;
  if (["是", "党员", "中共党员", "yes", "y", "true", "1", "√"].includes(t)) return true;
  if (["否", "非党员", "群众", "no", "n", "false", "0"].includes(t)) return false;
  return null;
}

export const cadresImport: ImportDefinition<Key, Row, Prep> = {
  entity: "cadres",
  label: "帮扶干部",
  permission: "cadres.manage",
  columns: [
    { key: "name", header: "姓名", aliases: ["干部姓名"] },
    { key: "unit", header: "单位名称", aliases: ["所在单位", "派出单位", "工作单位"] },
    { key: "position", header: "职务", aliases: ["职务职级", "职级"], required: false },
    { key: "phone", header: "手机号", aliases: ["手机", "联系电话", "手机号码"], required: false },
    { key: "officePhone", header: "办公电话", required: false },
    { key: "partyMember", header: "是否党员", aliases: ["党员", "政治面貌"], required: false },
    { key: "reservePool", header: "后备干部", aliases: ["是否后备干部"], required: false },
  ],
  example: [
    ["张明", "县委组织部", "副科长", "13812345678", "028-88880000", "是", "否"],
    ["李芳", "县人民医院", "医师", "", "", "否", "是"],
  ],
  async prepare(c) {
    const [us, cs, keys] = await Promise.all([
      c.db.select({ id: units.id, name: units.name }).from(units).all(),
      c.db.select({ name: cadres.name, unitId: cadres.unitId, phoneHash: cadres.phoneHash }).from(cadres).all(),
      c.piiKeys(),
    ]);
    return {
      keys,
      unitByName: new Map(us.map((u) => [u.name, u.id])),
      existing: new Set(cs.map((r) => identity(r.name, r.unitId, r.phoneHash))),
      seen: new Set(),
    };
  },
  async validate(v, prep) {
    const errors: { column: string; message: string }[] = [];
    const name = v.name.trim();
    if (!name) errors.push({ column: "姓名", message: "请填写姓名" });
    else if (name.length > 40) errors.push({ column: "姓名", message: "姓名最多 40 个字" });
    const unitId = v.unit ? prep.unitByName.get(v.unit.trim()) : undefined;
    if (!v.unit) errors.push({ column: "单位名称", message: "请填写单位名称" });
    else if (!unitId) errors.push({ column: "单位名称", message: `没有名为“${v.unit}”的单位，请先登记或导入单位` });
    if (v.position.length > 60) errors.push({ column: "职务", message: "职务最多 60 个字" });
    const phone = v.phone ? normalizePhone(v.phone) : null;
    if (v.phone && !phone) errors.push({ column: "手机号", message: PHONE_MESSAGE });
    if (v.officePhone.length > 40 || !/^[0-9+\-()（）\s转]*$/.test(v.officePhone))
      errors.push({ column: "办公电话", message: "办公电话只能包含数字、+、-、括号，最多 40 个字符" });
    const partyMember = yesNo(v.partyMember, true);
    if (partyMember === null) errors.push({ column: "是否党员", message: "请填写“是”或“否”" });
    const reservePool = yesNo(v.reservePool, false);
    if (reservePool === null) errors.push({ column: "后备干部", message: "请填写“是”或“否”" });
    if (errors.length === 0 && unitId) {
      const hashes = phone ? await searchHashes(prep.keys, phone) : [null];
      const key = identity(name, unitId, hashes[0] ?? null);
      // Every key of the ring: a cadre not yet re-encrypted keeps an older key's phone hash.
      if (hashes.some((h) => prep.existing.has(identity(name, unitId, h))))
        errors.push({ column: "姓名", message: "该干部已登记（同一单位、同名、同手机号）" });
      else if (prep.seen.has(key))
        errors.push({ column: "姓名", message: "文件中重复出现（同一单位、同名、同手机号）" });
      else prep.seen.add(key);
    }
    if (errors.length > 0 || !unitId || partyMember === null || reservePool === null) return { ok: false, errors };
    return {
      ok: true,
      value: {
        name,
        unitId,
        position: v.position || null,
        phone,
        officePhone: v.officePhone || null,
        partyMember,
        reservePool,
      },
    };
  },
  // Phone ciphertexts are bound to their rows, so the ids are reserved (a writer that took one
  // of them first makes the batch fail on the primary key: nothing is imported, the user retries).
  async statements(c, rows, prep) {
    const encoded = [];
    let cadreId = await nextRowId(c.d1, "cadres");
    for (const r of rows) {
      const id = cadreId++;
      const p = await phoneColumns(prep.keys, id, r.phone);
      encoded.push([
        id,
        r.name,
        r.unitId,
        r.position,
        p.phoneEnc,
        p.phoneHash,
        p.phoneMasked,
        r.officePhone,
        r.partyMember ? 1 : 0,
        r.reservePool ? 1 : 0,
      ] as const);
    }
    return bulkInsert(
      c.d1,
      "cadres",
      [
        "id",
        "name",
        "unit_id",
        "position",
        "phone_enc",
        "phone_hash",
        "phone_masked",
        "office_phone",
        "party_member",
        "reserve_pool",
      ],
      encoded,
    );
  },
  // Names and units only: the audit log never holds a phone number.
  summary: (rows) => rows.map((r) => `${r.name}@${r.unitId}`),
};
