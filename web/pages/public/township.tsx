import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";

/** One township's villages, linked from the tenant home (which lists townships only, so it stays small). */
export function TownshipPage(p: {
  tenant: PublicTenant;
  township: { code: string; name: string; villages: { code: string; name: string }[] };
}) {
  const base = `/t/${p.tenant.slug}`;
  const t = p.township;
  return (
    <PublicLayout tenant={p.tenant} title={t.name} description={`${t.name}各村（社区）帮扶和资金公开`}>
      <p class="s">
        <a href={`${base}/`}>← 首页</a>
      </p>
      <h1>{t.name}</h1>
      <p class="m">共 {t.villages.length} 个村（社区），点击进入查看驻村工作队、结对帮扶、资金发放和公示。</p>
      {t.villages.length === 0 ? (
        <p class="m">本乡镇暂无村信息。</p>
      ) : (
        <ul class="l">
          {t.villages.map((v) => (
            <li>
              <a href={`${base}/v/${v.code}`}>{v.name}</a>
            </li>
          ))}
        </ul>
      )}
      <p class="s np">
        <a href={`${base}/townships/${t.code}/posters`}>打印本乡镇各村二维码</a>
      </p>
    </PublicLayout>
  );
}
