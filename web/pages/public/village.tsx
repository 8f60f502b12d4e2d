import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime, formatFen } from "../../components/format.ts";
import { Pager } from "../../components/pager.tsx";
import { BarChart } from "../../components/charts.tsx";
import {
  ASSIGNMENT_ROLE_LABELS,
  DECISION_STAGE_LABELS,
  FEEDBACK_CATEGORY_LABELS,
  FUND_SOURCE_LABELS,
  INCOME_BRACKET_LABELS,
  label,
  NOTICE_STATUS_LABELS,
  PAIRING_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  MEASURE_STATUS_LABELS,
  VILLAGE_TAG_LABELS,
} from "../../i18n/zh-CN.ts";
import type { VillageData } from "../../../workers/public/queries.ts";
import type { PublishedReview } from "../../../workers/reviews/service.ts";
import { REVIEW_KIND_LABELS } from "../../i18n/zh-CN.ts";

const yuan = (fen: number) => formatFen(fen).replace(/\.00$/, "");

/** A village's public page: who helps it, what was paid, projects, decisions, answers. */
export function VillagePage(p: { tenant: PublicTenant; data: VillageData; ratings?: PublishedReview[] }) {
  const base = `/t/${p.tenant.slug}`;
  const d = p.data;
  const v = d.village;
  const vbase = `${base}/v/${v.code}`;
  const thisYear = String(d.year);
  const current = d.payments.filter((x) => x.year === thisYear);
  const earlier = new Map<string, { lines: number; fen: number }>();
  for (const g of d.payments) {
    if (g.year === thisYear) continue;
    const e = earlier.get(g.year) ?? { lines: 0, fen: 0 };
    e.lines += g.lines;
    e.fen += g.totalFen;
    earlier.set(g.year, e);
  }
  const byYear = new Map<string, number>();
  for (const g of d.payments) byYear.set(g.year, (byYear.get(g.year) ?? 0) + g.totalFen);
  const years = [...byYear.entries()].sort(([a], [b]) => a.localeCompare(b));
  const openNotices = d.notices.filter((n) => n.open);
  const otherNotices = d.notices.filter((n) => !n.open).slice(0, 5);
  return (
    <PublicLayout tenant={p.tenant} title={v.name} description={`${v.name}的驻村工作队、帮扶单位、资金发放和村务公开`}>
      <h1>{v.name}</h1>
      <p class="m">
        {v.townshipName ?? ""} · 区划代码 <span class="mono">{v.code}</span>
      </p>
      {v.tags.length ? (
        <p>
          {v.tags.map((t) => (
            <span class="tag">{label(VILLAGE_TAG_LABELS, t)}</span>
          ))}
        </p>
      ) : null}
      <p class="np s">
        <a href="#team">驻村工作队</a> · <a href="#notices">公示</a> · <a href="#money">资金</a> ·{" "}
        <a href="#projects">项目</a> · <a href="#letter">帮扶措施</a> · <a href="#decisions">四议两公开</a> ·{" "}
        <a href="#feedback">意见答复</a>
      </p>

      <h2 id="team">驻村第一书记和工作队</h2>
      {d.team.length === 0 ? (
        <p class="m">本村目前没有驻村干部。</p>
      ) : (
        <ul class="l">
          {d.team.map((m) => (
            <li>
              <b>{m.name}</b>（{label(ASSIGNMENT_ROLE_LABELS, m.role)}）<br />
              <span class="s">
                {m.unit}
                {m.position ? ` ${m.position}` : ""} · {m.since} 起驻村
                {m.officePhone ? (
                  <>
                    {" "}
                    · 办公电话 <a href={`tel:${m.officePhone}`}>{m.officePhone}</a>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>结对帮扶</h3>
      {d.helpers.length === 0 ? (
        <p class="m">暂无结对帮扶单位。</p>
      ) : (
        <ul class="l">
          {d.helpers.map((h) => (
            <li>
              {label(PAIRING_KIND_LABELS, h.kind)}：
              {h.villageCode ? <a href={`${base}/v/${h.villageCode}`}>{h.name}</a> : h.name}
              {h.detail ? `（${h.detail}）` : ""} <span class="m s">{h.since} 起</span>
            </li>
          ))}
        </ul>
      )}

      <h2 id="notices">公示</h2>
      {openNotices.length === 0 ? <p class="m">本村目前没有正在公示的名单。</p> : null}
      <ul class="l">
        {openNotices.map((n) => (
          <li>
            <a href={`${base}/notices/${n.id}`}>{n.title}</a>
            <br />
            <span class="s">
              公示至 {n.endDate}，期间可<a href={`${base}/notices/${n.id}#object`}>提出异议</a>
            </span>
          </li>
        ))}
        {otherNotices.map((n) => (
          <li>
            <a href={`${base}/notices/${n.id}`}>{n.title}</a>{" "}
            <span class="m s">
              （{n.startDate}–{n.endDate}，{label(NOTICE_STATUS_LABELS, n.status)}）
            </span>
          </li>
        ))}
      </ul>

      <h2 id="money">资金发放</h2>
      {years.length ? (
        <BarChart
          id="chart-money-by-year"
          title="历年发放到本村的资金"
          desc="每年一行：当年已发放到本村的资金合计（元）。"
          columns={["年度", "金额"]}
          data={years.map(([y, fen]) => ({ label: `${y} 年`, value: fen, display: yuan(fen) }))}
        />
      ) : null}
      <h3>{thisYear} 年</h3>
      {current.length === 0 ? (
        <p class="m">今年暂无已发放到本村的资金。</p>
      ) : (
        <div class="tw">
          <table>
            <thead>
              <tr>
                <th>资金项目</th>
                <th class="r">笔数</th>
                <th class="r">金额</th>
              </tr>
            </thead>
            <tbody>
              {current.map((g) => (
                <tr>
                  <td>
                    <a href={`${vbase}/payments?year=${g.year}&program=${g.programId}`}>{g.program}</a>
                    <br />
                    <span class="m s">
                      {label(FUND_SOURCE_LABELS, g.fundSource)} · {g.recipients} 个对象
                    </span>
                  </td>
                  <td class="r n">{g.lines}</td>
                  <td class="r n">{yuan(g.totalFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.recentLines.length ? (
        <>
          <h3>最近发放（姓名已脱敏）</h3>
          <ul class="l s">
            {d.recentLines.map((l) => (
              <li>
                {l.paidDate} {l.recipient} {l.program} <span class="n">{yuan(l.amountFen)}</span>
                {l.reversed ? "（已冲正）" : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {earlier.size ? (
        <>
          <h3>往年</h3>
          <ul class="l">
            {[...earlier.entries()].map(([year, e]) => (
              <li>
                <a href={`${vbase}/payments?year=${year}`}>{year} 年</a>：{e.lines} 笔，
                <span class="n">{yuan(e.fen)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`${vbase}/payments`}>查看全部发放明细</a> · <a href={`${base}/query`}>查询本人补贴</a>
      </p>

      <h2 id="letter">目标责任书与帮扶措施</h2>
      {d.letters.length === 0 ? (
        <p class="m">暂无目标责任书。</p>
      ) : (
        d.letters.map((l) => (
          <div class="box">
            <b>{l.unit}</b>
            <span class="s">
              {" "}
              {l.termStartYear}—{l.termEndYear} 年
            </span>
            <p class="s">{l.termGoal}</p>
            <p class="s">
              已完成 {l.measures.filter((m) => m.status === "completed").length}/{l.measures.length} 项
            </p>
            <ul class="l">
              {l.measures.map((m) => (
                <li>
                  <span class="tag">{m.overdue ? "已逾期" : label(MEASURE_STATUS_LABELS, m.status)}</span> {m.year} 年：
                  {m.title}
                  <span class="s">
                    （{m.owner}，{m.dueDate} 前{m.progress ? `；${m.progress}` : ""}）
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}

      <h2 id="projects">村级项目</h2>
      {d.projects.length === 0 ? (
        <p class="m">暂无公开的村级项目。</p>
      ) : (
        d.projects.map((x) => (
          <div class="box">
            <b>{x.name}</b> <span class="tag">{label(PROJECT_STATUS_LABELS, x.status)}</span>
            {x.description ? <p class="s">{x.description}</p> : null}
            <dl class="s">
              <dt>资金来源</dt>
              <dd>{label(FUND_SOURCE_LABELS, x.fundSource)}</dd>
              <dt>预算</dt>
              <dd class="n">{yuan(x.budgetFen)}</dd>
              <dt>已支出</dt>
              <dd class="n">{yuan(x.spentFen)}</dd>
              {x.startDate || x.endDate ? (
                <>
                  <dt>工期</dt>
                  <dd>
                    {x.startDate ?? "开工日期未定"} 至 {x.endDate ?? "完工日期未定"}
                  </dd>
                </>
              ) : null}
            </dl>
            <a class="s" href={`${base}/ledger?ref=project`}>
              来源：公开账本
            </a>
          </div>
        ))
      )}

      <h2 id="decisions">四议两公开</h2>
      {d.decisions.length === 0 ? (
        <p class="m">暂无记录。</p>
      ) : (
        d.decisions.map((x) => {
          const order = x.stageOrder;
          const done = new Map(x.stages.map((s) => [s.stage, s]));
          return (
            <div class="box">
              <b>{x.title}</b>
              {x.amountFen != null ? <span class="n">（{yuan(x.amountFen)}）</span> : null}
              {x.failedStage ? (
                <p class="s">
                  <b>{DECISION_STAGE_LABELS[x.failedStage]}表决未通过，该事项已终止</b>
                </p>
              ) : null}
              <p class="s">{x.description}</p>
              <ol class="st s">
                {order.map((st) => {
                  const s = done.get(st);
                  return (
                    <li>
                      {DECISION_STAGE_LABELS[st]}：
                      {s ? (
                        <>
                          {s.date}
                          {s.attendees != null ? `，应到 ${s.eligible ?? "暂无记录"} 实到 ${s.attendees}` : ""}
                          {s.votesFor != null
                            ? `，赞成 ${s.votesFor} 反对 ${s.votesAgainst ?? 0} 弃权 ${s.votesAbstain ?? 0}`
                            : ""}
                          {st === "resolution_published" || st === "result_published" ? (
                            <>
                              <br />
                              {s.summary}
                              {s.ledgerSeq != null ? (
                                <>
                                  {" "}
                                  <a href={`${base}/ledger#e${s.ledgerSeq}`}>账本第 {s.ledgerSeq} 条</a>
                                </>
                              ) : null}
                            </>
                          ) : null}
                        </>
                      ) : x.failedStage ? (
                        <span class="m">已终止</span>
                      ) : (
                        <span class="m">未进行</span>
                      )}
                    </li>
                  );
                })}
              </ol>
            </div>
          );
        })
      )}

      <h2 id="feedback">意见建议和答复</h2>
      {d.feedback.length === 0 ? <p class="m">暂无已公开答复的意见建议。</p> : null}
      {d.feedback.map((f) => (
        <div class="box s">
          <p>
            <b>{label(FEEDBACK_CATEGORY_LABELS, f.category)}</b>：{f.text}
          </p>
          <p>
            答复（{formatTime(f.answeredAt)}）：{f.reply}
          </p>
        </div>
      ))}
      <p>
        <a class="btn" href={`${base}/feedback?village=${v.code}`}>
          我要提意见、反映问题
        </a>
      </p>

      <h2 id="ratings">述职评议结果</h2>
      {(p.ratings ?? []).length === 0 ? (
        <p class="m">尚未公布。</p>
      ) : (
        <ul class="l">
          {(p.ratings ?? []).map((r) => (
            <li>
              {r.year} 年度 {REVIEW_KIND_LABELS[r.kind]}：{r.subjectName}（{r.meetingDate}，{r.audience}
              {r.attendance ? `，到会 ${r.attendance} 人` : ""}）<br />
              满意 <span class="n">{r.total.satisfied}</span> 票，基本满意{" "}
              <span class="n">{r.total.fairlySatisfied}</span> 票，不满意 <span class="n">{r.total.dissatisfied}</span>{" "}
              票；满意率{" "}
              <b class="n">{r.satisfactionPermille == null ? "—" : `${(r.satisfactionPermille / 10).toFixed(1)}%`}</b>
            </li>
          ))}
        </ul>
      )}
      <p class="s m">只公布汇总票数，不公开任何人的评议。</p>

      <h2 id="income">村集体经济收入</h2>
      {d.incomes.length === 0 ? (
        <p class="m">尚未公开。</p>
      ) : (
        <ul class="l">
          {d.incomes.map((i) => (
            <li>
              {i.year} 年：<span class="n">{yuan(i.incomeFen)}</span>（{label(INCOME_BRACKET_LABELS, i.bracket)}）
            </li>
          ))}
        </ul>
      )}
      <p class="s np">
        下载本村公开数据：<a href={`${vbase}/data.json`}>JSON</a> · <a href={`${vbase}/payments.csv`}>发放明细 CSV</a>（
        <a href={`${base}/open-data`}>字段说明</a>） · <a href={`${vbase}/poster`}>打印本村二维码</a>
      </p>
    </PublicLayout>
  );
}

export function VillagePaymentsPage(p: {
  tenant: PublicTenant;
  village: { code: string; name: string };
  filter: { year?: string | undefined; program?: number | undefined };
  page: {
    items: {
      period: string;
      program: string;
      recipient: string;
      amountFen: number;
      paidDate: string | null;
      purpose: string;
      reversed: boolean;
      noticeId: number | null;
    }[];
    total: number;
    totalFen: number;
    page: number;
    size: number;
  };
}) {
  const base = `/t/${p.tenant.slug}`;
  const path = `${base}/v/${p.village.code}/payments`;
  return (
    <PublicLayout tenant={p.tenant} title={`${p.village.name}资金发放明细`}>
      <h1>{p.village.name}资金发放明细</h1>
      <p>
        <a href={`${base}/v/${p.village.code}`}>← 返回{p.village.name}</a>
      </p>
      <p>
        {p.filter.year ? `${p.filter.year} 年，` : "全部年份，"}共 {p.page.total} 笔，实发{" "}
        <span class="n">{yuan(p.page.totalFen)}</span>（已扣除冲正）。姓名已脱敏。
      </p>
      <div class="tw">
        <table>
          <thead>
            <tr>
              <th>发放日期</th>
              <th>对象</th>
              <th>项目 / 用途</th>
              <th class="r">金额</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.map((l) => (
              <tr>
                <td class="n">{l.paidDate}</td>
                <td class="n">{l.recipient}</td>
                <td>
                  {l.program}（{l.period}）<br />
                  <span class="m s">
                    {l.purpose}
                    {l.noticeId ? (
                      <>
                        {" "}
                        · <a href={`${base}/notices/${l.noticeId}`}>公示</a>
                      </>
                    ) : null}
                  </span>
                </td>
                <td class="r n">
                  {yuan(l.amountFen)}
                  {l.reversed ? (
                    <>
                      <br />
                      <span class="s">已冲正</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        path={path}
        query={{ year: p.filter.year, program: p.filter.program }}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </PublicLayout>
  );
}
