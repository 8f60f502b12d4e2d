import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction, formStrings } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { formatFen, formatFenPlain, parseYuanToFen } from "../lib/money.ts";
import { addDays, isValidDate, todayInChina } from "../lib/dates.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { LINE_STATUS_LABELS, RECIPIENT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import { BatchListPage } from "../../web/pages/admin/batches.tsx";
import { BatchDetailPage, type BatchDetailProps, type BatchForm } from "../../web/pages/admin/batches-detail.tsx";
import { getProgram, listPrograms } from "../programs/service.ts";
import { previewImport, templateCsv } from "../imports/service.ts";
import { batchLinesImport } from "./lines-import.ts";
import { BatchCreate, BatchQuery, GenerateBody, LineCreate, LineQuery, PayBody, ReverseBody } from "./schemas.ts";
import { allLines, getBatch, getLine, listBatches, listLines, recipientOptions } from "./queries.ts";
import { addLine, generateLines, removeLine } from "./lines.ts";
import { approveBatch, cancelBatch, closeBatch, createBatch, payBatch, reverseLine, submitBatch } from "./commands.ts";
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
/** Above this many possible recipients the form asks for the number instead of a select. */
const SELECT_LIMIT = 500;

const formValues = formStrings;

function idOf(c: Context<AppEnv>, name = "id"): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "没有这个发放批次");
  return id;
}

// --- list and create ---

async function listPage(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 = 200,
) {
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

batchesAdmin.get("/batches", requirePermission("money.read"), (c) => listPage(c));

batchesAdmin.post("/batches", requirePermission("batches.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const parsed = BatchCreate.safeParse({
    programId: /^\d+$/.test(values.programId ?? "") ? Number(values.programId) : undefined,
    period: values.period ?? "",
    title: values.title?.trim() || undefined,
  });
  if (!parsed.success) return listPage(c, { values, errors: fieldErrorsOf(parsed.error) }, 400);
  const done = await tryAction(() => createBatch(c.var.ctx, parsed.data));
  if (!done.ok) return listPage(c, { values, errors: done.error.fields, message: done.error.message }, 400);
  return c.redirect(`${base(c)}/batches/${done.value}?done=created`, 303);
});

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
        recipients={
          batch.status === "draft" && can(role, "batches.manage")
            ? await recipientOptions(c.var.ctx, program.recipientKind, SELECT_LIMIT)
            : null
        }
        {...extra}
      />
    ),
  });
}

batchesAdmin.get("/batches/:id{[0-9]+}", requirePermission("money.read"), (c) => detail(c));

/** Runs an action for a form of the detail page: success → redirect with a note; domain 4xx → the page again with the errors. */
async function act(
  c: Context<AppEnv>,
  form: BatchForm,
  values: Record<string, string>,
  run: () => Promise<unknown>,
  done: keyof typeof FLASH,
  extra: DetailExtra = {},
) {
  const result = await tryAction(run);
  if (!result.ok)
    return detail(
      c,
      { form, values, errors: result.error.fields, message: result.error.message, ...extra },
      result.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/batches/${idOf(c)}?done=${done}`, 303);
}

batchesAdmin.post("/batches/:id{[0-9]+}/lines", requirePermission("batches.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const errors: FieldError[] = [];
  let amountFen: number | undefined;
  if (values.amount?.trim()) {
    const fen = parseYuanToFen(values.amount);
    if (fen.ok) amountFen = fen.fen;
    else errors.push({ field: "amount", message: fen.message });
  }
  const num = (s: string | undefined) =>
    s?.trim() && /^\d+$/.test(s.trim()) ? Number(s.trim()) : s?.trim() ? Number.NaN : undefined;
  const parsed = LineCreate.safeParse({
    recipientId: num(values.recipientId),
    amountFen,
    quantity: num(values.quantity),
    honoured: values.honoured === "1",
    purpose: values.purpose?.trim() || undefined,
  });
  if (!parsed.success)
    errors.push(...fieldErrorsOf(parsed.error).map((e) => (e.field === "amountFen" ? { ...e, field: "amount" } : e)));
  if (errors.length > 0 || !parsed.success) return detail(c, { form: "line", values, errors }, 400);
  const result = await tryAction(() => addLine(c.var.ctx, idOf(c), parsed.data));
  if (!result.ok)
    return detail(
      c,
      {
        form: "line",
        values,
        errors: result.error.fields.map((e) => (e.field === "amountFen" ? { ...e, field: "amount" } : e)),
        message: result.error.message,
      },
      result.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/batches/${idOf(c)}?done=line`, 303);
});

batchesAdmin.post(
  "/batches/:id{[0-9]+}/lines/:lineId{[0-9]+}/delete",
  requirePermission("batches.manage"),
  formCsrf,
  async (c) => act(c, "action", {}, () => removeLine(c.var.ctx, idOf(c), idOf(c, "lineId")), "removed"),
);

batchesAdmin.post("/batches/:id{[0-9]+}/generate", requirePermission("batches.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const parsed = GenerateBody.safeParse({
    source: values.source || undefined,
    purpose: values.purpose?.trim() || undefined,
  });
  if (!parsed.success) return detail(c, { form: "generate", values, errors: fieldErrorsOf(parsed.error) }, 400);
  const result = await tryAction(() => generateLines(c.var.ctx, idOf(c), parsed.data.source, parsed.data.purpose));
  if (!result.ok)
    return detail(
      c,
      { form: "generate", values, errors: result.error.fields, message: result.error.message },
      result.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/batches/${idOf(c)}?done=line`, 303);
});

for (const [action, run, permission] of [
  ["submit", submitBatch, "batches.manage"],
  ["approve", approveBatch, "batches.approve"],
  ["close", closeBatch, "batches.manage"],
  ["cancel", cancelBatch, "batches.manage"],
] as const) {
  batchesAdmin.post(`/batches/:id{[0-9]+}/${action}`, requirePermission(permission), formCsrf, async (c) =>
    act(c, "action", {}, () => run(c.var.ctx, idOf(c)), action),
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

batchesAdmin.post("/batches/:id{[0-9]+}/pay", requirePermission("batches.pay"), formCsrf, async (c) => {
  const values = await formValues(c);
  const failures = parseFailures(values.failures ?? "");
  const parsed = PayBody.safeParse({
    paidDate: values.paidDate ?? "",
    paymentRef: values.paymentRef ?? "",
    failures: failures.ok ? failures.failures : [],
  });
  const errors = parsed.success
    ? []
    : fieldErrorsOf(parsed.error).map((e) => (e.field.startsWith("failures") ? { ...e, field: "failures" } : e));
  if (!failures.ok) errors.push({ field: "failures", message: failures.message });
  if (errors.length > 0 || !parsed.success) return detail(c, { form: "pay", values, errors }, 400);
  return act(c, "pay", values, () => payBatch(c.var.ctx, idOf(c), parsed.data), "pay");
});

batchesAdmin.post(
  "/batches/:id{[0-9]+}/lines/:lineId{[0-9]+}/reverse",
  requirePermission("batches.pay"),
  formCsrf,
  async (c) => {
    const values = await formValues(c);
    const lineId = idOf(c, "lineId");
    const parsed = ReverseBody.safeParse({ reason: values.reason ?? "" });
    if (!parsed.success)
      return detail(c, { form: "reverse", values, errors: fieldErrorsOf(parsed.error), reverseLineId: lineId }, 400);
    const line = await getLine(c.var.ctx, lineId);
    if (line.batchId !== idOf(c)) throw new AppError("not_found", "没有这条发放明细");
    return act(c, "reverse", values, () => reverseLine(c.var.ctx, lineId, parsed.data.reason), "reverse", {
      reverseLineId: lineId,
    });
  },
);

// --- CSV: export, lines import, bank results ---

batchesAdmin.get("/batches/:id{[0-9]+}/export.csv", requirePermission("money.read"), async (c) => {
  const batch = await getBatch(c.var.ctx, idOf(c));
  const lines = await allLines(c.var.ctx, batch.id);
  return csvDownload(
    c,
    `${batch.title}-明细.csv`,
    [
      "明细编号",
      "对象类型",
      "对象编号",
      "对象名称",
      "金额（元）",
      "数量",
      "用途",
      "状态",
      "支付日期",
      "银行流水号",
      "失败原因",
      "冲正金额（元）",
      "冲正原因",
    ],
    lines.map((l) => [
      l.id,
      RECIPIENT_KIND_LABELS[l.recipientKind],
      l.recipientId,
      l.recipientName,
      formatFenPlain(l.amountFen),
      l.quantity,
      l.purpose,
      LINE_STATUS_LABELS[l.status],
      l.paidDate,
      l.bankRef,
      l.failReason,
      l.reversed ? formatFenPlain(l.reversed.amountFen) : "",
      l.reversed?.reason ?? "",
    ]),
  );
});

batchesAdmin.get(
  "/batches/:id{[0-9]+}/lines/template.csv",
  requirePermission("batches.manage"),
  (_c) =>
    new Response(templateCsv(batchLinesImport), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent("发放明细导入模板.csv")}`,
      },
    }),
);

async function uploadedFile(c: Context<AppEnv>): Promise<File | null> {
  const file = (await c.req.parseBody()).file;
  return file instanceof File && file.size > 0 ? file : null;
}

batchesAdmin.post("/batches/:id{[0-9]+}/lines/import", requirePermission("batches.manage"), formCsrf, async (c) => {
  const file = await uploadedFile(c);
  if (!file) return detail(c, { form: "import", errors: [{ field: "file", message: "请选择要上传的 CSV 文件" }] }, 400);
  const result = await tryAction(async () =>
    previewImport(c.var.ctx, "batch_lines", new Uint8Array(await file.arrayBuffer()), file.name, String(idOf(c))),
  );
  if (!result.ok)
    return detail(
      c,
      { form: "import", errors: [{ field: "file", message: result.error.message }], message: result.error.message },
      result.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/imports/${result.value.id}`, 303);
});

batchesAdmin.post("/batches/:id{[0-9]+}/reconcile", requirePermission("batches.pay"), formCsrf, async (c) => {
  const values = await formValues(c);
  const file = await uploadedFile(c);
  const errors: FieldError[] = [];
  if (!file) errors.push({ field: "file", message: "请选择银行回盘文件" });
  if (values.paidDate && !isValidDate(values.paidDate))
    errors.push({ field: "paidDate", message: "日期格式应为 YYYY-MM-DD" });
  if ((values.paymentRef ?? "").length > 80) errors.push({ field: "paymentRef", message: "凭证号最多 80 个字符" });
  if (errors.length > 0 || !file) return detail(c, { form: "reconcile", values, errors }, 400);
  const result = await tryAction(async () =>
    reconcileBatch(c.var.ctx, idOf(c), new Uint8Array(await file.arrayBuffer()), {
      paidDate: values.paidDate || undefined,
      paymentRef: values.paymentRef?.trim() || undefined,
    }),
  );
  if (!result.ok)
    return detail(
      c,
      {
        form: "reconcile",
        values,
        errors: result.error.fields.length ? result.error.fields : [{ field: "file", message: result.error.message }],
        message: result.error.message,
      },
      result.error.status === 409 ? 409 : 400,
    );
  return detail(c, { reconcile: result.value as ReconcileResult });
});
