import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { Pager } from "../../components/pager.tsx";

/** The published data's schema, described once; every village page links its own files. */
export const OPEN_DATA_SCHEMA = {
  "data.json": {
    village: "村：code 12 位区划代码，name，township 乡镇，tags 村类别（英文键，见术语表）",
    team: "驻村干部：name 姓名，role 职务（first_secretary / team_leader / team_member），unit 派出单位，position，since 起始日期，officePhone 办公电话",
    helpers: "结对帮扶：kind 类型（unit_village 等），name 帮扶方，detail，since",
    notices: "公示：id，title，startDate，endDate，status（open / closed / withdrawn），url",
    payments:
      "资金汇总：year 年度，program 资金项目，fundSource 资金来源，lines 笔数，recipients 对象数，totalFen 金额（整数，单位分，已扣除冲正）",
    projects:
      "村级项目：name，fundSource，budgetFen 预算（分），spentFen 已支出（分），status（planned / in_progress / completed），startDate，endDate",
    decisions:
      "四议两公开：title，amountFen，stage 当前环节，stages[]：stage，date，eligible 应到，attendees 实到，votesFor / votesAgainst / votesAbstain，summary",
    feedback: "已公开答复的意见：category，text（号码已脱敏），reply",
    incomes: "集体经济收入：year，incomeFen（分），bracket 档次",
  },
  "payments.csv":
    "发放明细（UTF-8 带 BOM，Excel 可直接打开）：发放日期, 所属期间, 资金项目, 资金来源, 对象类别, 对象（姓名已脱敏）, 金额（元）, 金额（分）, 用途, 是否冲正, 公示编号",
  "projects.csv": "村级项目：项目名称, 资金来源, 预算（元）, 已支出（元）, 状态, 开始日期, 结束日期",
  "decisions.csv": "四议两公开：事项, 金额（元）, 环节, 日期, 应到, 实到, 赞成, 反对, 弃权, 内容",
} as const;

export function OpenDataPage(p: {
  tenant: PublicTenant;
  villages: { code: string; name: string; township: string | null }[];
  /** The village table is paged (a city has thousands of villages; a phone gets one page). */
  page: number;
  size: number;
  total: number;
}) {
  const base = `/t/${p.tenant.slug}`;
  return (
    <PublicLayout tenant={p.tenant} title="开放数据">
      <h1>开放数据</h1>
      <p>
        每个村公开的数据都可以下载，供媒体、研究者和村民自己核对。金额一律以“分”为整数单位（CSV
        另附“元”）；个人姓名已脱敏，不含身份证号、手机号和银行账号。
      </p>
      <h2 id="schema">字段说明</h2>
      <h3>data.json（每村一个）</h3>
      <dl class="s">
        {Object.entries(OPEN_DATA_SCHEMA["data.json"]).map(([k, v]) => (
          <>
            <dt class="mono">{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      {(["payments.csv", "projects.csv", "decisions.csv"] as const).map((f) => (
        <>
          <h3>{f}</h3>
          <p class="s">{OPEN_DATA_SCHEMA[f]}</p>
        </>
      ))}
      <p class="s">
        公开账本：<a href={`${base}/ledger`}>说明和下载</a>。
      </p>
      <h2>各村数据</h2>
      <div class="tw">
        <table>
          <thead>
            <tr>
              <th>村</th>
              <th>下载</th>
            </tr>
          </thead>
          <tbody>
            {p.villages.map((v) => (
              <tr>
                <td>
                  <a href={`${base}/v/${v.code}`}>{v.name}</a>
                  <br />
                  <span class="m s">{v.township ?? ""}</span>
                </td>
                <td class="s">
                  <a href={`${base}/v/${v.code}/data.json`}>JSON</a> ·{" "}
                  <a href={`${base}/v/${v.code}/payments.csv`}>发放</a> ·{" "}
                  <a href={`${base}/v/${v.code}/projects.csv`}>项目</a> ·{" "}
                  <a href={`${base}/v/${v.code}/decisions.csv`}>决策</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={`${base}/open-data`} query={{}} page={p.page} size={p.size} total={p.total} />
    </PublicLayout>
  );
}
