import type { AnyImport } from "../../../workers/imports/definition.ts";
import type { Preview } from "../../../workers/imports/service.ts";
import { CsrfField } from "../../components/form.tsx";
import { RecordTable } from "../../components/record-table.tsx";

/** Upload a CSV for one entity: template link, file field, what encodings work. */
export function ImportUploadPage(p: { base: string; csrf: string; def: AnyImport; error?: string | undefined }) {
  return (
    <>
      <h1>导入{p.def.label}</h1>
      {p.error ? (
        <p class="notice err" role="alert">
          {p.error}
        </p>
      ) : null}
      <div class="card">
        <ol>
          <li>
            下载 <a href={`${p.base}/imports/${p.def.entity}/template`}>{p.def.label}导入模板</a>，用 Excel 或 WPS
            填写（带 * 的列必填）。
          </li>
          <li>另存为 CSV（“CSV UTF-8”或普通“CSV”均可，系统自动识别 GB18030 编码）。</li>
          <li>上传后先预览：系统逐行检查，有任何错误都不会写入；全部正确后再点“确认导入”。</li>
        </ol>
        <p class="muted">
          模板列：{p.def.columns.map((col) => col.header + (col.required === false ? "" : "*")).join("，")}
        </p>
        <form class="stack" method="post" action={`${p.base}/imports/${p.def.entity}`} enctype="multipart/form-data">
          <CsrfField token={p.csrf} />
          <div>
            <label for="file">选择 CSV 文件</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <div class="actions">
            <button type="submit">上传并预览</button>
          </div>
        </form>
      </div>
    </>
  );
}

export function ImportPreviewPage(p: { base: string; csrf: string; preview: Preview; back: string }) {
  const v = p.preview;
  return (
    <>
      <h1>导入预览：{v.label}</h1>
      <div class="card">
        <dl class="kv">
          <dt>文件</dt>
          <dd>{v.fileName ?? "（未命名）"}</dd>
          <dt>编码</dt>
          <dd>{v.encoding === "gb18030" ? "GB18030（Excel 默认）" : "UTF-8"}</dd>
          <dt>数据行</dt>
          <dd>{v.rowCount}</dd>
          <dt>错误</dt>
          <dd>
            {v.errorCount === 0 ? <span class="badge ok">无</span> : <span class="badge err">{v.errorCount} 处</span>}
          </dd>
          <dt>状态</dt>
          <dd>{v.status === "previewed" ? "待确认" : v.status === "committed" ? "已导入" : "已放弃"}</dd>
        </dl>
      </div>
      {v.errorCount > 0 ? (
        <>
          <p class="notice err" role="alert">
            文件有错误，不能导入。请按下表在 Excel 中改正后重新上传（整个文件要么全部导入，要么都不导入）。
          </p>
          <div class="table-wrap">
            <RecordTable>
              <thead>
                <tr>
                  <th class="num">行</th>
                  <th>列</th>
                  <th>问题</th>
                </tr>
              </thead>
              <tbody>
                {v.errors.map((e) => (
                  <tr>
                    <td class="num">{e.row}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </RecordTable>
          </div>
          {v.errors.length < v.errorCount ? <p class="muted">仅显示前 {v.errors.length} 处错误。</p> : null}
          <p class="actions">
            <a class="button" href={v.entity.includes(":") ? p.back : `${p.base}/imports/${v.entity}`}>
              重新上传
            </a>
          </p>
        </>
      ) : v.status === "previewed" ? (
        <>
          <p class="notice ok" role="status">
            全部 {v.rowCount} 行检查通过。
          </p>
          <div class="actions">
            <form method="post" action={`${p.base}/imports/${v.id}/commit`}>
              <CsrfField token={p.csrf} />
              <button type="submit">确认导入 {v.rowCount} 行</button>
            </form>
            <form method="post" action={`${p.base}/imports/${v.id}/discard`}>
              <CsrfField token={p.csrf} />
              <button type="submit" class="secondary">
                放弃
              </button>
            </form>
          </div>
        </>
      ) : (
        <p class="actions">
          <a class="button secondary" href={p.back}>
            返回
          </a>
        </p>
      )}
    </>
  );
}
