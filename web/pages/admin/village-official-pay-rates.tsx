import { RecordTable } from "../../components/record-table.tsx";
import { formatFen, formatFenPlain } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, type FieldError } from "../../components/form.tsx";
import { keysOf, VILLAGE_OFFICIAL_POST_LABELS } from "../../i18n/zh-CN.ts";

export interface PayRatesView {
  programId: number;
  programName: string;
  ruleAmountFen: number | null;
  honourUpliftPct: number;
  rates: { post: keyof typeof VILLAGE_OFFICIAL_POST_LABELS; amountFen: number }[];
}

type Values = Record<string, string | undefined>;

/** The form's field of one post's rate (in yuan). */
export const rateField = (post: string) => `rate_${post}`;

/**
 * 岗位标准 of one village-cadre pay program (seed 002: 书记、主任 560 元/月, 副主任、文书 540 元/月,
 * +20 % for provincial honours). Once any post has a rate, a post left blank is not paid by this
 * program at all; a program without rates pays every post its own amount.
 */
export function PayRatesPage(p: {
  base: string;
  csrf: string;
  view: PayRatesView;
  /** the program pays village cadres (only then can rates be set) */
  payable: boolean;
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.view;
  const rate = new Map(v.rates.map((r) => [r.post, r.amountFen]));
  const uplifted = (fen: number) => Math.round((fen * (100 + v.honourUpliftPct)) / 100);
  const fallback = v.ruleAmountFen == null ? "—" : formatFen(v.ruleAmountFen);
  // With at least one rate the program pays only the rated posts (workers/village-cadres/pay.ts).
  const rated = v.rates.length > 0;
  return (
    <>
      <h1>岗位标准：{v.programName}</h1>
      <p class="muted">
        按村两委花名册生成发放明细时，每人的金额取其职务的标准。
        {rated
          ? "本项目已设岗位标准：只发放设了标准的职务，未设标准的职务不列入（逐笔添加或导入也会被拒绝）。"
          : `本项目尚未设岗位标准：各职务均按项目标准金额（${fallback}）发放；设了任一职务的标准后，只发放设了标准的职务。`}
        受省部级及以上表彰的村干部按上浮比例（当前 {v.honourUpliftPct}%）计发。已生成的明细不随标准调整而改变。
      </p>
      {p.payable ? null : (
        <div class="notice err" role="alert">
          该资金项目的发放对象不是村干部，不能设置岗位标准。
        </div>
      )}
      {p.canManage && p.payable ? null : <FormErrors errors={p.errors} message={p.message} />}
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>职务</th>
              <th class="num">标准</th>
              <th class="num">受表彰者（上浮后）</th>
            </tr>
          </thead>
          <tbody>
            {keysOf(VILLAGE_OFFICIAL_POST_LABELS).map((post) => {
              const fen = rated ? rate.get(post) : v.ruleAmountFen;
              return (
                <tr>
                  <td>{VILLAGE_OFFICIAL_POST_LABELS[post]}</td>
                  <td class="num">
                    {fen == null ? rated ? <span class="muted">不发放</span> : "—" : formatFen(fen)}
                    {rated ? null : <span class="muted">（项目标准）</span>}
                  </td>
                  <td class="num">{fen == null ? "—" : formatFen(uplifted(fen))}</td>
                </tr>
              );
            })}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage && p.payable ? (
        <form class="card" method="post" action={`${p.base}/village-official-pay-rates/${v.programId}`}>
          <h2>调整标准</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={p.errors} message={p.message} />
          {keysOf(VILLAGE_OFFICIAL_POST_LABELS).map((post) => (
            <Field
              name={rateField(post)}
              label={`${VILLAGE_OFFICIAL_POST_LABELS[post]}（元）`}
              hint="留空：设了其他职务标准时不发放此职务"
              inputmode="decimal"
              maxlength={12}
              value={p.values ? p.values[rateField(post)] : rate.has(post) ? formatFenPlain(rate.get(post)!) : ""}
              errors={p.errors}
            />
          ))}
          <Field
            name="honourUpliftPct"
            label="受表彰上浮比例（%）"
            hint="省部级及以上表彰，0–100"
            required
            inputmode="numeric"
            maxlength={3}
            value={p.values?.honourUpliftPct ?? String(v.honourUpliftPct)}
            errors={p.errors}
          />
          <button type="submit">保存标准</button>
        </form>
      ) : null}
      <p class="actions">
        <a href={`${p.base}/programs/${v.programId}`}>← 返回资金项目</a>
      </p>
    </>
  );
}
