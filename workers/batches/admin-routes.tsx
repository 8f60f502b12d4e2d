import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormPage,
  type FormState,
  formValidator,
  submitForm,
  type TextValues,
  yuanToFen,
} from "../platform/admin-form.ts";
import { z } from "zod";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { formatFen } from "../../web/components/format.ts";
import { addDays, isValidDate, todayInChina } from "../lib/dates.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { BatchListPage } from "../../web/pages/admin/batches.tsx";
import { BatchDetailPage, type BatchDetailProps, type BatchForm } from "../../web/pages/admin/batches-detail.tsx";
import { getProgram, listPrograms } from "../programs/service.ts";
import { previewImport, templateCsv } from "../imports/service.ts";
import { batchLinesImport } from "./lines-import.ts";
import { BatchCreate, BatchQuery, GenerateBody, LineCreate, LineQuery, PayBody, ReverseBody } from "./schemas.ts";
import { getBatch, getLine, listBatches, listLines } from "./queries.ts";
import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import type { LookupEntity } from "../lookup/service.ts";
import { getVillage } from "../places/service.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { addLine, generateLines, removeLine } from "./lines.ts";
import { approveBatch, cancelBatch, closeBatch, createBatch, payBatch, reverseLine, submitBatch } from "./commands.ts";
import { approvalRefusal, paymentRefusal } from "./rules.ts";
import { batchLinesExport } from "./export.ts";
import { getSettings } from "../settings/service.ts";
import { reconcileBatch, type ReconcileResult } from "./reconcile.ts";

export const batchesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = {
  created: "批次已创建",
  line: "明细已添加",
  removed: "明细已删除",
  submit: "已提交公示",
  approve: "已审批",
  pay: "已登记支付",
  close: "已办结",
  cancel: "批次已作废",
  reverse: "已冲正",
  imported: "明细已导入",
};
/**
 * The 添加明细 picker looks recipients up as the program pays them: households, cadres or villages
 * (project-kind programs have no per-line recipient to pick). The lookup is the user's own scope.
 */
const PICK_ENTITY: Partial<Record<string, Exclude<LookupEntity, "units">>> = {
  household: "households",
  cadre: "cadres",
  village: "villages",
  party_member: "party-members",
  village_official: "village-officials",
};

function idOf(c: Context<AppEnv>, name = "id"): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "没有这个发放批次");
  return id;
}

// --- list and create ---

async function listPage(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
  const raw = {
    programId: c.req.query("programId") || undefined,
    status: c.req.query("status") || undefined,
    year: c.req.query("year") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = BatchQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  const [page, programs] = await Promise.all([listBatches(c.var.ctx, q), listPrograms(c.var.ctx)]);
  return renderAdmin(c, {
    title: "发放批次",
    nav: "batches",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <BatchListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        page={page}
        programs={programs}
        filter={{ programId: raw.programId, status: raw.status, year: raw.year }}
        canManage={can(c.var.user!.role, "batches.manage")}
        {...extra}
      />
    ),
  });
}

batchesAdmin.get("/", requirePermission("money.read"), (c) => listPage(c));

/** A whole number typed on a form; something else fails the schema's number check. */
const num = (s: string | undefined) =>
  s?.trim() && /^\d+$/.test(s.trim()) ? Number(s.trim()) : s?.trim() ? Number.NaN : undefined;

batchesAdmin.post(
  "/",
  requirePermission("batches.manage"),
  formCsrf,
  formValidator(BatchCreate, listPage, {
    input: (v) => ({
      programId: /^\d+$/.test(v.programId ?? "") ? Number(v.programId) : undefined,
      period: v.period ?? "",
      title: v.title?.trim() || undefined,
    }),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      listPage,
      values,
      () => createBatch(c.var.ctx, data),
      (id) => `${base(c)}/batches/${id}?done=created`,
    );
  },
);

// --- detail ---

type DetailExtra = Partial<
  Pick<BatchDetailProps, "form" | "values" | "errors" | "message" | "reverseLineId" | "reconcile">
>;

async function detail(c: Context<AppEnv>, extra: DetailExtra = {}, status: 200 | 400 | 409 = 200) {
  const id = idOf(c);
  const batch = await getBatch(c.var.ctx, id);
  const program = await getProgram(c.var.ctx, batch.programId);
  const lq = LineQuery.safeParse({
    page: c.req.query("page") || undefined,
    status: c.req.query("status") || undefined,
  });
  const lineQuery = lq.success ? lq.data : { page: 1, size: 50 };
  const lines = await listLines(c.var.ctx, id, lineQuery);
  const budget = program.budgets.find((b) => b.year === batch.year);
  const today = todayInChina();
  const blockers: string[] = [];
  if (batch.status === "noticed") {
    if (!batch.noticeEnd || today <= batch.noticeEnd)
      blockers.push(
        `公示期到 ${batch.noticeEnd} 结束，${batch.noticeEnd ? addDays(batch.noticeEnd, 1) : ""} 起才能审批`,
      );
    if (batch.openObjections > 0) blockers.push(`还有 ${batch.openObjections} 条异议未处理`);
    if (!budget) blockers.push(`${batch.year} 年尚未下达预算`);
    else if (budget.availableFen < batch.totalFen)
      blockers.push(`预算不足：可用 ${formatFen(budget.availableFen)}，本批 ${formatFen(batch.totalFen)}`);
  }
  const role = c.var.user!.role;
  const me = c.var.user!.id;
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 笔明细` }
      : flashFrom(c, FLASH);
  return renderAdmin(c, {
    title: batch.title,
    nav: "batches",
    status,
    flash,
    children: (
      <BatchDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        batch={batch}
        program={program}
        budget={budget}
        lines={lines}
        lineStatus={"status" in lineQuery ? lineQuery.status : undefined}
        can={{
          manage: can(role, "batches.manage"),
          approve: can(role, "batches.approve"),
          pay: can(role, "batches.pay"),
        }}
        approvalBlockers={blockers}
        approveRefusal={approvalRefusal(batch, me)}
        payRefusal={paymentRefusal(batch, me, await getSettings(c.var.ctx))}
        recipientLookup={PICK_ENTITY[program.recipientKind] ?? null}
        candidates={
          extra.form === "line" && PICK_ENTITY[program.recipientKind]
            ? await pickCandidates(c.var.ctx, PICK_ENTITY[program.recipientKind]!, extra.values?.recipientId)
            : undefined
        }
        {...extra}
      />
    ),
  });
}

batchesAdmin.get("/:id{[0-9]+}", requirePermission("money.read"), (c) => detail(c));

/** The detail page again with one of its forms filled in and its errors. */
const formPage =
  (form: BatchForm, extra: DetailExtra = {}): FormPage<TextValues> =>
  (c, state, status) =>
    detail(c, { form, ...state, ...extra }, status);

const done = (c: Context<AppEnv>, key: keyof typeof FLASH) => () => `${base(c)}/batches/${idOf(c)}?done=${key}`;

const AMOUNT = { amountFen: "amount" };
const linePage = formPage("line");

/** The batch's recipient lookup, found before the form is read (the form step sees only the context). */
const lineEntity = new WeakMap<ServiceContext, LookupEntity | undefined>();

/**
 * The picked recipient as the line takes it: the picker resolves typed text inside the user's
 * scope; a village is picked by its 12-digit code and stored by its id.
 */
async function recipientOf(
  values: TextValues,
  fail: (field: string, message: string) => void,
  more: { ctx: ServiceContext; files: Record<string, File> },
): Promise<string | undefined> {
  const entity = lineEntity.get(more.ctx);
  if (!entity) return values.recipientId;
  const picked = (await resolvePicks([{ field: "recipientId", entity }])(values, fail, more)) as TextValues;
  const text = picked.recipientId?.trim();
  if (entity !== "villages" || !text || !/^\d{12}$/.test(text)) return text;
  try {
    return String((await getVillage(more.ctx, text)).id);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    fail("recipientId", "没有这个村（社区），或不在您的管辖范围内");
    return undefined;
  }
}

batchesAdmin.post(
  "/:id{[0-9]+}/lines",
  requirePermission("batches.manage"),
  formCsrf,
  async (c, next) => {
    const batch = await getBatch(c.var.ctx, idOf(c));
    lineEntity.set(c.var.ctx, PICK_ENTITY[(await getProgram(c.var.ctx, batch.programId)).recipientKind]);
    await next();
  },
  formValidator(LineCreate, linePage, {
    input: async (v, fail, more) => ({
      recipientId: num(await recipientOf(v, fail, more)),
      amountFen: v.amount?.trim() ? yuanToFen(v.amount, "amount", fail) : undefined,
      quantity: num(v.quantity),
      honoured: v.honoured === "1",
      purpose: v.purpose?.trim() || undefined,
    }),
    fields: AMOUNT,
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(c, linePage, values, () => addLine(c.var.ctx, idOf(c), data), done(c, "line"), {
      fields: AMOUNT,
    });
  },
);

const actionPage = formPage("action");

batchesAdmin.post(
  "/:id{[0-9]+}/lines/:lineId{[0-9]+}/delete",
  requirePermission("batches.manage"),
  formCsrf,
  async (c) =>
    submitForm(c, actionPage, {}, () => removeLine(c.var.ctx, idOf(c), idOf(c, "lineId")), done(c, "removed")),
);

const generatePage = formPage("generate");

batchesAdmin.post(
  "/:id{[0-9]+}/generate",
  requirePermission("batches.manage"),
  formCsrf,
  formValidator(GenerateBody, generatePage, {
    input: (v) => ({ source: v.source || undefined, purpose: v.purpose?.trim() || undefined }),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      generatePage,
      values,
      () => generateLines(c.var.ctx, idOf(c), data.source, data.purpose),
      done(c, "line"),
    );
  },
);

for (const [action, run, permission] of [
  ["submit", submitBatch, "batches.manage"],
  ["approve", approveBatch, "batches.approve"],
  ["close", closeBatch, "batches.manage"],
  ["cancel", cancelBatch, "batches.manage"],
] as const) {
  batchesAdmin.post(`/:id{[0-9]+}/${action}`, requirePermission(permission), formCsrf, async (c) =>
    submitForm(c, actionPage, {}, () => run(c.var.ctx, idOf(c)), done(c, action)),
  );
}

/** "明细编号,原因" per line (comma, full-width comma or tab). */
function parseFailures(
  text: string,
): { ok: true; failures: { lineId: number; reason: string }[] } | { ok: false; message: string } {
  const failures: { lineId: number; reason: string }[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{1,12})\s*[,，\t]\s*(.+)$/.exec(line);
    if (!m) return { ok: false, message: `第 ${i + 1} 行应为“明细编号,原因”` };
    failures.push({ lineId: Number(m[1]), reason: m[2]!.trim() });
  }
  return { ok: true, failures };
}

const payPage = formPage("pay");

batchesAdmin.post(
  "/:id{[0-9]+}/pay",
  requirePermission("batches.pay"),
  formCsrf,
  formValidator(PayBody, payPage, {
    input: (v, fail) => {
      const failures = parseFailures(v.failures ?? "");
      if (!failures.ok) fail("failures", failures.message);
      return {
        paidDate: v.paidDate ?? "",
        paymentRef: v.paymentRef ?? "",
        failures: failures.ok ? failures.failures : [],
      };
    },
    fields: { failures: "failures" },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(c, payPage, values, () => payBatch(c.var.ctx, idOf(c), data), done(c, "pay"));
  },
);

/** The reverse form belongs to one line; the page shows it open again for that line. */
const reversePage: FormPage<TextValues> = (c, state, status) =>
  detail(c, { form: "reverse", ...state, reverseLineId: idOf(c, "lineId") }, status);

batchesAdmin.post(
  "/:id{[0-9]+}/lines/:lineId{[0-9]+}/reverse",
  requirePermission("batches.pay"),
  formCsrf,
  formValidator(ReverseBody, reversePage, { input: (v) => ({ reason: v.reason ?? "" }) }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const lineId = idOf(c, "lineId");
    const line = await getLine(c.var.ctx, lineId);
    if (line.batchId !== idOf(c)) throw new AppError("not_found", "没有这条发放明细");
    return submitForm(c, reversePage, values, () => reverseLine(c.var.ctx, lineId, data.reason), done(c, "reverse"));
  },
);

// --- CSV: export, lines import, bank results ---

batchesAdmin.get("/:id{[0-9]+}/export.csv", requirePermission("money.read"), async (c) => {
  const file = await batchLinesExport(c.var.ctx, idOf(c));
  return csvDownload(c, file.fileName, file.header, file.rows);
});

batchesAdmin.get(
  "/:id{[0-9]+}/lines/template.csv",
  requirePermission("batches.manage"),
  (_c) =>
    new Response(templateCsv(batchLinesImport), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent("发放明细导入模板.csv")}`,
      },
    }),
);

const CsvUpload = z.object({
  file: z.instanceof(File, { error: "请选择要上传的 CSV 文件" }).refine((f) => f.size > 0, "请选择要上传的 CSV 文件"),
});
/** An upload failure is said next to the file field. */
const importPage: FormPage<TextValues> = (c, state, status) =>
  detail(
    c,
    {
      form: "import",
      errors: state.message ? [{ field: "file", message: state.message }] : state.errors,
      ...(state.message ? { message: state.message } : {}),
    },
    status,
  );

batchesAdmin.post(
  "/:id{[0-9]+}/lines/import",
  requirePermission("batches.manage"),
  formCsrf,
  formValidator(CsvUpload, importPage, { input: (_v, _fail, { files }) => files }),
  async (c) => {
    const { file } = c.req.valid("form").data;
    return submitForm(
      c,
      importPage,
      {},
      async () =>
        previewImport(c.var.ctx, "batch_lines", new Uint8Array(await file.arrayBuffer()), file.name, String(idOf(c))),
      (preview) => `${base(c)}/imports/${preview.id}`,
    );
  },
);

const ReconcileForm = z.object({
  file: z.instanceof(File, { error: "请选择银行回盘文件" }).refine((f) => f.size > 0, "请选择银行回盘文件"),
  paidDate: z
    .string()
    .refine((d) => d === "" || isValidDate(d), "日期格式应为 YYYY-MM-DD")
    .transform((d) => d || undefined),
  paymentRef: z
    .string()
    .max(80, "凭证号最多 80 个字符")
    .transform((r) => r.trim() || undefined),
});
/** A reconcile failure without field errors is said next to the file field. */
const reconcilePage: FormPage<TextValues> = (c, state, status) =>
  detail(
    c,
    {
      form: "reconcile",
      ...state,
      errors: state.errors.length || !state.message ? state.errors : [{ field: "file", message: state.message }],
    },
    status,
  );

batchesAdmin.post(
  "/:id{[0-9]+}/reconcile",
  requirePermission("batches.pay"),
  formCsrf,
  formValidator(ReconcileForm, reconcilePage, {
    input: (v, _fail, { files }) => ({ file: files.file, paidDate: v.paidDate ?? "", paymentRef: v.paymentRef ?? "" }),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      reconcilePage,
      values,
      async () =>
        reconcileBatch(c.var.ctx, idOf(c), new Uint8Array(await data.file.arrayBuffer()), {
          paidDate: data.paidDate,
          paymentRef: data.paymentRef,
        }),
      (result) => detail(c, { reconcile: result as ReconcileResult }),
    );
  },
);
