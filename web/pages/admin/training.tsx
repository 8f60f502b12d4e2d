import type { SessionRow } from "../../../workers/training/plans.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import { formatTime, percentOf } from "../../components/format.ts";
import { SESSION_FORMAT_LABELS, TAKER_KIND_LABELS, TRAINING_AUDIENCE_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";
import { DetailList, RecordList } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;
type Form = { values?: Values | undefined; errors?: FieldError[] | undefined; message?: string | undefined };
type Plan = {
  id: number;
  title: string;
  year: number;
  audience: keyof typeof TRAINING_AUDIENCE_LABELS;
  deadline: string;
  description: string | null;
  sessions: number;
  attendances: number;
};
type Person = {
  takerKind: keyof typeof TAKER_KIND_LABELS;
  takerId: number;
  name: string;
  villageName: string | null;
  townshipCode: string | null;
  townshipName: string | null;
};
type Coverage = { total: number; trained: number; untrainedCount: number; untrained: Person[] };
type Retrainee = Person & { examTitle: string; score: number; submittedAt: number };

export function TrainingListPage(
  p: {
    base: string;
    csrf: string;
    plans: Plan[];
    canPlan: boolean;
    thisYear: number;
  } & Form,
) {
  const v = p.values ?? {};
  return (
    <>
      <h1>培训</h1>
      <p class="muted">
        培训计划明确对象和完成期限；各期培训登记参训人员，未参训的人员列在计划页。应知应会测试低于及格分的人员须
        <a href={`${p.base}/trainings/retrain`}>回炉</a>培训后重新测试。
      </p>
      <RecordList
        columns={["计划", "对象", "完成期限", { label: "期数", class: "num" }, { label: "参训人次", class: "num" }]}
        items={p.plans}
        empty="还没有培训计划"
        row={(x) => (
          <tr>
            <td>
              <a href={`${p.base}/trainings/${x.id}`}>{x.title}</a>
            </td>
            <td>{TRAINING_AUDIENCE_LABELS[x.audience]}</td>
            <td>{x.deadline}</td>
            <td class="num">{x.sessions}</td>
            <td class="num">{x.attendances}</td>
          </tr>
        )}
      />
      {p.canPlan ? (
        <>
          <h2>新建培训计划</h2>
          <form class="stack card" method="post" action={`${p.base}/trainings`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <Field name="title" label="计划名称" required maxlength={100} value={v.title} errors={p.errors} />
            <Field
              name="year"
              label="年度"
              required
              inputmode="numeric"
              value={v.year ?? String(p.thisYear)}
              errors={p.errors}
            />
            <SelectField
              name="audience"
              label="培训对象"
              options={options(TRAINING_AUDIENCE_LABELS)}
              value={v.audience}
              required
              errors={p.errors}
            />
            <Field
              name="deadline"
              label="完成期限"
              type="date"
              required
              value={v.deadline ?? `${p.thisYear}-12-31`}
              errors={p.errors}
            />
            <Field name="description" label="说明" maxlength={500} value={v.description} errors={p.errors} />
            <button type="submit">创建计划</button>
          </form>
        </>
      ) : null}
    </>
  );
}

function People(p: {
  people: Person[];
  empty: string;
  extra?: (x: Person) => unknown;
  extraHead?: string;
  /** links village cadres to their roster entry */
  base?: string;
}) {
  return (
    <div class="table-wrap">
      <RecordTable>
        <thead>
          <tr>
            <th>姓名</th>
            <th>村</th>
            <th>乡镇</th>
            {p.extraHead ? <th>{p.extraHead}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.people.length === 0 ? (
            <tr>
              <td colspan={p.extraHead ? 4 : 3} class="muted">
                {p.empty}
              </td>
            </tr>
          ) : (
            p.people.map((x) => (
              <tr>
                <td>
                  {x.takerKind === "village_cadre" && p.base ? (
                    <a href={`${p.base}/village-officials/${x.takerId}`}>{x.name}</a>
                  ) : (
                    x.name
                  )}
                </td>
                <td>{x.villageName ?? "—"}</td>
                <td>{x.townshipName ?? x.townshipCode ?? "县级"}</td>
                {p.extra ? <td>{p.extra(x) as string}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </RecordTable>
    </div>
  );
}

export function PlanDetailPage(
  p: {
    base: string;
    csrf: string;
    plan: Plan & { sessionList: SessionRow[] };
    coverage: Coverage;
    canRecord: boolean;
    ownTownship: string | null;
    today: string;
  } & Form,
) {
  const v = p.values ?? {};
  const c = p.coverage;
  return (
    <>
      <p>
        <a href={`${p.base}/trainings`}>← 培训</a>
      </p>
      <h1>{p.plan.title}</h1>
      <DetailList
        items={[
          ["年度", p.plan.year],
          ["培训对象", TRAINING_AUDIENCE_LABELS[p.plan.audience]],
          ["完成期限", p.plan.deadline],
          p.plan.description ? ["说明", p.plan.description] : null,
        ]}
      />
      <h2>培训覆盖</h2>
      <p>
        应训 <strong>{c.total}</strong> 人，已训 <strong>{c.trained}</strong> 人（{percentOf(c.trained, c.total)}），
        尚未参训 <strong class={c.untrainedCount > 0 ? "err" : ""}>{c.untrainedCount}</strong> 人
        {c.untrainedCount > 0 && p.today > p.plan.deadline ? "，已过完成期限" : ""}。
      </p>
      <h3>尚未参训的人员</h3>
      <People people={c.untrained} empty="应训人员都已参训" base={p.base} />
      {c.untrainedCount > c.untrained.length ? <p class="muted">只列出前 {c.untrained.length} 人。</p> : null}
      <h2>各期培训</h2>
      <RecordList
        columns={["课程", "形式", "开班日期", { label: "天数", class: "num" }, { label: "参训人次", class: "num" }]}
        items={p.plan.sessionList}
        empty="还没有开班"
        row={(s) => (
          <tr>
            <td>
              <a href={`${p.base}/trainings/sessions/${s.id}`}>{s.title}</a>
            </td>
            <td>{SESSION_FORMAT_LABELS[s.format]}</td>
            <td>{s.startDate}</td>
            <td class="num">{s.days}</td>
            <td class="num">{s.attendances}</td>
          </tr>
        )}
      />
      {p.canRecord ? (
        <>
          <h2>新增一期培训</h2>
          <form class="stack card" method="post" action={`${p.base}/trainings/${p.plan.id}/sessions`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <Field name="title" label="课程名称" required maxlength={100} value={v.title} errors={p.errors} />
            <SelectField
              name="format"
              label="培训形式"
              options={options(SESSION_FORMAT_LABELS)}
              value={v.format}
              required
              errors={p.errors}
            />
            <Field
              name="startDate"
              label="开班日期"
              type="date"
              required
              value={v.startDate ?? p.today}
              errors={p.errors}
            />
            <Field name="days" label="天数" required inputmode="numeric" value={v.days ?? "1"} errors={p.errors} />
            <Field name="location" label="地点" maxlength={100} value={v.location} errors={p.errors} />
            {p.ownTownship ? (
              <input type="hidden" name="townshipCode" value={p.ownTownship} />
            ) : (
              <Field
                name="townshipCode"
                label="承办乡镇代码"
                hint="县级举办请留空"
                inputmode="numeric"
                value={v.townshipCode}
                errors={p.errors}
              />
            )}
            <button type="submit">新增</button>
          </form>
        </>
      ) : null}
    </>
  );
}

export function SessionDetailPage(
  p: {
    base: string;
    csrf: string;
    session: SessionRow & {
      attendance: {
        id: number;
        takerKind: keyof typeof TAKER_KIND_LABELS;
        takerName: string;
        townshipCode: string | null;
        createdAt: number;
      }[];
    };
    canRecord: boolean;
    /** the plan reaches village cadres of the roster (taker kind village_cadre) */
    villageCadres?: boolean;
    /** village cadres of the plan still untrained, in the user's scope */
    untrained?: Person[] | undefined;
    candidates?: PickCandidate[] | undefined;
  } & Form,
) {
  const s = p.session;
  const v = p.values ?? {};
  return (
    <>
      <p>
        <a href={`${p.base}/trainings/${s.planId}`}>← {s.planTitle}</a>
      </p>
      <h1>{s.title}</h1>
      <DetailList
        items={[
          ["形式", SESSION_FORMAT_LABELS[s.format]],
          [
            "开班日期",
            <>
              {s.startDate}（{s.days} 天）
            </>,
          ],
          ["地点", s.location ?? "—"],
          ["承办", s.townshipCode ? `乡镇 ${s.townshipCode}` : "县级"],
          ["参训人次", s.attendances],
        ]}
      />
      {p.canRecord && p.villageCadres ? (
        <VillageCadreAttendance
          base={p.base}
          csrf={p.csrf}
          sessionId={s.id}
          untrained={p.untrained ?? []}
          values={v}
          errors={p.errors}
          message={p.message}
        />
      ) : null}
      {p.canRecord && !p.villageCadres ? (
        <>
          <h2>登记参训</h2>
          <form class="stack card" method="post" action={`${p.base}/trainings/sessions/${s.id}/attendance`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <input type="hidden" name="takerKind" value="cadre" />
            <PickerField
              name="takerId"
              label="干部"
              lookup={lookupUrl(p.base, "cadres")}
              value={v.takerId}
              required
              errors={p.errors}
              candidates={p.candidates}
            />
            <button type="submit">登记</button>
          </form>
        </>
      ) : null}
      <h2>参训人员</h2>
      <RecordList
        columns={["姓名", "类别", "乡镇代码", "登记时间"]}
        items={s.attendance}
        empty="没有您可查看的参训记录"
        row={(a) => (
          <tr>
            <td>{a.takerName}</td>
            <td>{TAKER_KIND_LABELS[a.takerKind]}</td>
            <td>{a.townshipCode ?? "县级"}</td>
            <td>{formatTime(a.createdAt)}</td>
          </tr>
        )}
      />
    </>
  );
}

/** Attendance of village cadres: by roster number, or one tap per village cadre the plan still has to reach. */
function VillageCadreAttendance(p: {
  base: string;
  csrf: string;
  sessionId: number;
  untrained: Person[];
  values: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const action = `${p.base}/trainings/sessions/${p.sessionId}/attendance`;
  const shown = p.untrained.slice(0, 100);
  return (
    <>
      <h2>登记村干部参训</h2>
      <form class="stack card" method="post" action={action}>
        <CsrfField token={p.csrf} />
        <FormErrors errors={p.errors} message={p.message} />
        <input type="hidden" name="takerKind" value="village_cadre" />
        <Field
          name="takerId"
          label="村干部编号"
          hint="村两委花名册中的编号"
          required
          inputmode="numeric"
          maxlength={10}
          value={p.values.takerId}
          errors={p.errors}
        />
        <button type="submit">登记</button>
      </form>
      <h3>本计划尚未参训的村干部</h3>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>姓名</th>
              <th>村</th>
              <th>乡镇</th>
              <th>登记</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  应训村干部都已参训
                </td>
              </tr>
            ) : (
              shown.map((x) => (
                <tr>
                  <td>
                    <a href={`${p.base}/village-officials/${x.takerId}`}>{x.name}</a>
                  </td>
                  <td>{x.villageName ?? "—"}</td>
                  <td>{x.townshipName ?? x.townshipCode ?? "—"}</td>
                  <td>
                    <form method="post" action={action} class="inline">
                      <CsrfField token={p.csrf} />
                      <input type="hidden" name="takerKind" value="village_cadre" />
                      <input type="hidden" name="takerId" value={String(x.takerId)} />
                      <button type="submit" class="secondary">
                        已参训
                      </button>
                    </form>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.untrained.length > shown.length ? <p class="muted">只列出前 {shown.length} 人，其余请按编号登记。</p> : null}
    </>
  );
}

export function RetrainPage(p: { base: string; items: Retrainee[] }) {
  return (
    <>
      <p>
        <a href={`${p.base}/trainings`}>← 培训</a>
      </p>
      <h1>回炉名单</h1>
      <p class="muted">最近一次应知应会测试低于及格分、此后尚未登记参加培训的人员。登记参训后即可重新测试。</p>
      <RecordList
        columns={["姓名", "类别", "乡镇", "测试", { label: "得分", class: "num" }, "交卷时间"]}
        items={p.items}
        empty="没有需要回炉的人员"
        row={(x) => (
          <tr>
            <td>{x.name}</td>
            <td>{TAKER_KIND_LABELS[x.takerKind]}</td>
            <td>{x.townshipName ?? x.townshipCode ?? "县级"}</td>
            <td>{x.examTitle}</td>
            <td class="num">{x.score}</td>
            <td>{formatTime(x.submittedAt)}</td>
          </tr>
        )}
      />
    </>
  );
}
