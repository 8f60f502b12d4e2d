import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatFen } from "../../components/format.ts";
import type { HomeData } from "../../../workers/public/queries.ts";

/** Public home of one tenant: headline figures, open notices, village search, townships (each with its own page of villages). */
export function TenantHome(p: { tenant: PublicTenant; data: HomeData }) {
  const base = `/t/${p.tenant.slug}`;
  const d = p.data;
  return (
    <PublicLayout tenant={p.tenant} title="首页" description={`${p.tenant.name}驻村帮扶、资金发放和公示信息公开`}>
      <h1>{p.tenant.name}党建帮扶公开</h1>
      <p class="m">谁在帮扶您的村、发了哪些钱、发给了谁，都在这里公开。找到您的村，点击进入。</p>
      <h2>{d.year} 年概况</h2>
      <div class="fig">
        <div>
          <b>{d.figures.villagesWithTeam}</b>个村有驻村工作队
        </div>
        <div>
          <b>{d.figures.cadresResident}</b>名干部驻村
        </div>
        <div>
          <b>{d.figures.householdsHelped}</b>户有结对帮扶责任人
        </div>
        <a href={`${base}/ledger`}>
          <b>{formatFen(d.figures.paidFen)}</b>本年已发放资金
        </a>
      </div>
      <h2>正在公示</h2>
      {d.notices.length === 0 ? (
        <p class="m">目前没有正在公示的名单。</p>
      ) : (
        <ul class="l">
          {d.notices.map((n) => (
            <li>
              <a href={`${base}/notices/${n.id}`}>{n.title}</a>{" "}
              <span class="m s">（{n.endDate} 截止，可提出异议）</span>
            </li>
          ))}
        </ul>
      )}
      <h2 id="villages">各乡镇、村</h2>
      <form method="get" action={`${base}/#villages`} role="search">
        <label for="q">按村名查找</label>
        <input id="q" name="q" type="search" value={d.q} maxlength={20} placeholder="例如：桃源村" />
        <button type="submit">查找</button>
      </form>
      {d.q ? (
        d.found.length === 0 ? (
          <p class="m">没有找到名称含“{d.q}”的村。</p>
        ) : (
          <ul class="l">
            {d.found.map((v) => (
              <li>
                <a href={`${base}/v/${v.code}`}>{v.name}</a> <span class="m s">{v.townshipName ?? ""}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <ul class="l">
        {d.townships.map((t) => (
          <li>
            <a href={`${base}/townships/${t.code}`}>{t.name}</a> <span class="m s">{t.villageCount} 个村（社区）</span>
          </li>
        ))}
      </ul>
      <p class="s m">
        <a href={`${base}/admin/login`}>工作人员登录</a>
      </p>
    </PublicLayout>
  );
}
