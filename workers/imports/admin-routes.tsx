import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { z } from "zod";
import { ImportPreviewPage, ImportUploadPage } from "../../web/pages/admin/imports.tsx";
import {
  commitImport,
  definitionFor,
  discardImport,
  getImport,
  previewImport,
  splitEntity,
  templateCsv,
} from "./service.ts";
import { AppError } from "../platform/errors/app-error.ts";

export const importsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

/** Where the imported entity's list lives in the admin UI. */
const LIST_PATH: Record<string, string> = {
  villages: "/villages",
  households: "/households",
  units: "/units",
  cadres: "/cadres",
  pairings: "/pairings",
};

/** Where a staged entity's list lives; targeted imports ("batch_lines:12") name their own page. */
function listPathOf(c: Context<AppEnv>, entity: string): string {
  const { name, target } = splitEntity(entity);
  const def = definitionFor(c.var.ctx, entity);
  return def.listPath ? def.listPath(target) : (LIST_PATH[name] ?? "");
}

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这个导入记录");
  return id;
}

importsAdmin.get("/:entity{[a-z_]+}", requirePermission("imports.run"), (c) => {
  const def = definitionFor(c.var.ctx, c.req.param("entity"));
  return renderAdmin(c, {
    title: `导入${def.label}`,
    nav: def.entity,
    children: <ImportUploadPage base={base(c)} csrf={c.var.user!.csrfToken} def={def} />,
  });
});

importsAdmin.get("/:entity{[a-z_]+}/template", requirePermission("imports.run"), (c) => {
  const def = definitionFor(c.var.ctx, c.req.param("entity"));
  return new Response(templateCsv(def), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent(`${def.label}导入模板.csv`)}`,
    },
  });
});

const CsvUpload = z.object({
  file: z.instanceof(File, { error: "请选择要上传的 CSV 文件" }).refine((f) => f.size > 0, "请选择要上传的 CSV 文件"),
});

/** The upload page again, with what went wrong (no file, or a file the importer refused). */
const uploadPage: FormPage<TextValues> = (c, state, status) => {
  const def = definitionFor(c.var.ctx, c.req.param("entity") ?? "");
  return renderAdmin(c, {
    title: `导入${def.label}`,
    nav: def.entity,
    status,
    children: (
      <ImportUploadPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        def={def}
        error={state.message ?? state.errors.map((e) => e.message).join("；")}
      />
    ),
  });
};

importsAdmin.post(
  "/:entity{[a-z_]+}",
  requirePermission("imports.run"),
  formCsrf,
  formValidator(CsvUpload, uploadPage, { input: (_v, _fail, { files }) => files }),
  async (c) => {
    const def = definitionFor(c.var.ctx, c.req.param("entity"));
    const { file } = c.req.valid("form").data;
    return submitForm(
      c,
      uploadPage,
      {},
      async () => previewImport(c.var.ctx, def.entity, new Uint8Array(await file.arrayBuffer()), file.name),
      (preview) => `${base(c)}/imports/${preview.id}`,
    );
  },
);

importsAdmin.get("/:id{[0-9]+}", requirePermission("imports.run"), async (c) => {
  const preview = await getImport(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: "导入预览",
    nav: preview.entity,
    children: (
      <ImportPreviewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        preview={preview}
        back={base(c) + listPathOf(c, preview.entity)}
      />
    ),
  });
});

/** A refused commit shows the preview again with the refusal and its per-field reasons. */
const commitFailedPage: FormPage<TextValues> = async (c, state, status) => {
  const preview = await getImport(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: "导入预览",
    nav: preview.entity,
    status,
    flash: { kind: "err", text: state.message ?? "" },
    children: (
      <ImportPreviewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        preview={{
          ...preview,
          errors: state.errors.map((f) => ({ row: 0, column: f.field, message: f.message })),
          errorCount: state.errors.length,
        }}
        back={base(c) + listPathOf(c, preview.entity)}
      />
    ),
  });
};

importsAdmin.post("/:id{[0-9]+}/commit", requirePermission("imports.run"), formCsrf, async (c) =>
  submitForm(
    c,
    (c, state) => commitFailedPage(c, state, 400),
    {},
    () => commitImport(c.var.ctx, idOf(c)),
    (done) => `${base(c)}${listPathOf(c, done.entity)}?done=imported&n=${done.inserted}`,
  ),
);

importsAdmin.post("/:id{[0-9]+}/discard", requirePermission("imports.run"), formCsrf, async (c) => {
  const id = idOf(c);
  const preview = await getImport(c.var.ctx, id);
  await discardImport(c.var.ctx, id);
  const { name, target } = splitEntity(preview.entity);
  return c.redirect(`${base(c)}${target === undefined ? `/imports/${name}` : listPathOf(c, preview.entity)}`, 303);
});
