import { raw } from "hono/html";
import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";

/** A printable A4 poster for the village board: what the page shows, a QR code to it, how to give feedback. */
export function PosterPage(p: {
  tenant: PublicTenant;
  village: { name: string; townshipName: string | null };
  url: string;
  qr: string;
  feedbackUrl: string;
}) {
  return (
    <PublicLayout tenant={p.tenant} title={`${p.village.name}公开二维码`} nav={false}>
      <div class="poster">
        <p class="np s">
          <a href={p.url}>← 返回村页面</a> · 用浏览器“打印”即可打印（A4 纵向）
        </p>
        <h1>{p.village.name}村务公开</h1>
        <p>
          {p.village.townshipName ?? ""} · {p.tenant.name}
        </p>
        <div class="qr">{raw(p.qr)}</div>
        <p>
          <b>用手机扫一扫，查看本村：</b>
        </p>
        <p>驻村第一书记和工作队 · 帮扶单位 · 正在公示的名单 · 每一笔补贴发放 · 村级项目和资金 · 四议两公开</p>
        <p>
          扫码后可<b>查询本人补贴</b>（姓名 + 身份证后 6 位），对公示名单<b>提出异议</b>，或<b>留言反映问题</b>。
        </p>
        <p class="mono">{p.url}</p>
        <p class="s">意见建议、投诉举报：{p.feedbackUrl}</p>
      </div>
    </PublicLayout>
  );
}

/** All villages of a township on one sheet, one QR code each, to cut out. */
export function PosterSheetPage(p: {
  tenant: PublicTenant;
  township: string;
  villages: { name: string; url: string; qr: string }[];
}) {
  return (
    <PublicLayout tenant={p.tenant} title={`${p.township}各村公开二维码`} nav={false}>
      <h1>{p.township}各村公开二维码</h1>
      <p class="np s">用浏览器“打印”即可打印；沿虚线剪开，贴到各村公开栏。</p>
      <div class="sheet">
        {p.villages.map((v) => (
          <section>
            <h2>{v.name}</h2>
            {raw(v.qr)}
            <p class="s">扫码查看本村公开信息</p>
          </section>
        ))}
      </div>
      {p.villages.length === 0 ? <p class="m">本乡镇暂无村。</p> : null}
    </PublicLayout>
  );
}
