import type { AttemptSummaryView } from "../../../workers/exams/attempts.ts";
import type { ExamRow } from "../../../workers/exams/bank.ts";
import { CsrfField, Field, FormErrors, SelectField, errorFor, type FieldError } from "../../components/form.tsx";
import { formatTime } from "../../components/format.ts";
import { ATTEMPT_STATUS_LABELS, EXAM_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";
import { DetailList, RecordList } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;
type Form = { values?: Values | undefined; errors?: FieldError[] | undefined; message?: string | undefined };
const LETTERS = ["A", "B", "C", "D", "E", "F"];

function Result(p: { a: AttemptSummaryView }) {
  if (p.a.status !== "submitted") return <span class="badge warn">{ATTEMPT_STATUS_LABELS[p.a.status]}</span>;
  return <span class={`badge ${p.a.passed ? "ok" : "err"}`}>{p.a.passed ? "合格" : "回炉"}</span>;
}

export function AttemptTable(p: { base: string; items: AttemptSummaryView[]; empty: string }) {
  return (
    <RecordList
      columns={["姓名", "测试", { label: "得分", class: "num" }, "结果", "交卷时间"]}
      items={p.items}
      empty={p.empty}
      row={(a) => (
        <tr>
          <td>
            <a href={`${p.base}/exams/attempts/${a.id}`}>{a.takerName}</a>
            {a.takerKind === "village_cadre" ? <span class="muted">（村干部）</span> : null}
          </td>
          <td>{a.examTitle}</td>
          <td class="num">{a.score ?? "—"}</td>
          <td>
            <Result a={a} />
          </td>
          <td>{a.submittedAt ? formatTime(a.submittedAt) : "—"}</td>
        </tr>
      )}
    />
  );
}

export function ExamListPage(
  p: {
    base: string;
    csrf: string;
    exams: ExamRow[];
    attempts: AttemptSummaryView[];
    canTake: boolean;
    canManage: boolean;
    canReadBank: boolean;
  } & Form,
) {
  const v = p.values ?? {};
  const open = p.exams.filter((e) => e.status === "open");
  return (
    <>
      <h1>应知应会测试</h1>
      <p class="muted">
        在手机上答题，交卷即评分；低于及格分（一般为 90
        分）的须回炉培训后重新测试。成绩只有本人、所在乡镇和县级可以查看。
      </p>
      {p.canTake ? (
        <>
          <h2>参加测试</h2>
          {open.length === 0 ? <p class="muted">目前没有进行中的测试。</p> : null}
          {open.map((e) => (
            <form class="card stack" method="post" action={`${p.base}/exams/${e.id}/start`}>
              <CsrfField token={p.csrf} />
              <strong>{e.title}</strong>
              <span class="muted">
                共 {e.questionCount} 题，{e.passScore} 分及格
              </span>
              <button type="submit">开始答题</button>
            </form>
          ))}
          <FormErrors message={p.message} />
        </>
      ) : null}
      <h2>{p.canTake && !p.canManage ? "我的和我能查看的成绩" : "成绩"}</h2>
      <AttemptTable base={p.base} items={p.attempts} empty="还没有答卷" />
      <h2>全部测试</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>测试</th>
              <th class="num">题量</th>
              <th class="num">及格分</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.exams.map((e) => (
              <tr>
                <td>
                  <a href={`${p.base}/exams/${e.id}`}>{e.title}</a>
                </td>
                <td class="num">{e.questionCount}</td>
                <td class="num">{e.passScore}</td>
                <td>{EXAM_STATUS_LABELS[e.status]}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      {p.canReadBank ? (
        <p>
          <a href={`${p.base}/exams/questions`}>题库 →</a>
        </p>
      ) : null}
      {p.canManage ? (
        <>
          <h2>组卷</h2>
          <form class="stack card" method="post" action={`${p.base}/exams`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.canTake ? undefined : p.message} />
            <Field name="title" label="测试名称" required maxlength={100} value={v.title} errors={p.errors} />
            <Field
              name="questionCount"
              label="题量"
              hint="从题库随机抽取，人人同卷"
              required
              inputmode="numeric"
              value={v.questionCount ?? "10"}
              errors={p.errors}
            />
            <Field name="passScore" label="及格分" inputmode="numeric" value={v.passScore ?? "90"} errors={p.errors} />
            <button type="submit">创建测试</button>
          </form>
        </>
      ) : null}
    </>
  );
}

export function ExamDetailPage(p: {
  base: string;
  csrf: string;
  exam: ExamRow;
  attempts: AttemptSummaryView[];
  canManage: boolean;
  /** may start a village cadre's sitting (现场测试) */
  canProctor?: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const e = p.exam;
  return (
    <>
      <p>
        <a href={`${p.base}/exams`}>← 应知应会测试</a>
      </p>
      <h1>{e.title}</h1>
      <DetailList
        items={[
          ["题量", e.questionCount],
          ["及格分", e.passScore],
          ["状态", EXAM_STATUS_LABELS[e.status]],
          [
            "已交卷 / 合格",
            <>
              {e.attempts} / {e.passedCount}
            </>,
          ],
        ]}
      />
      {p.canManage && e.status === "open" ? (
        <form class="card" method="post" action={`${p.base}/exams/${e.id}/close`}>
          <CsrfField token={p.csrf} />
          <button type="submit" class="secondary">
            结束测试
          </button>
        </form>
      ) : null}
      {p.canProctor && e.status === "open" ? (
        <>
          <h2>村干部现场测试</h2>
          <form class="stack card" method="post" action={`${p.base}/exams/${e.id}/village-cadre-attempts`}>
            <p class="muted">村干部没有账号：输入其在村两委花名册中的编号，开始后把手机交给本人作答，由您代为提交。</p>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <Field
              name="villageOfficialId"
              label="村干部编号"
              required
              inputmode="numeric"
              maxlength={10}
              value={p.values?.villageOfficialId}
              errors={p.errors}
            />
            <button type="submit">开始测试</button>
          </form>
        </>
      ) : null}
      <h2>答卷</h2>
      <AttemptTable base={p.base} items={p.attempts} empty="没有您可查看的答卷" />
    </>
  );
}

type AttemptView = AttemptSummaryView & {
  questions: { id: number; stem: string; options: string[]; chosen: number | null; correct: boolean | null }[];
};

/**
 * The test on a phone: a plain form of radio buttons (no JavaScript needed), one fieldset per
 * question. Nothing on the page tells a right option from a wrong one before it is submitted.
 */
export function AttemptPage(p: { base: string; csrf: string; attempt: AttemptView; isTaker: boolean } & Form) {
  const a = p.attempt;
  const v = p.values ?? {};
  const answering = a.status === "in_progress" && p.isTaker;
  return (
    <>
      <p>
        <a href={`${p.base}/exams`}>← 应知应会测试</a>
      </p>
      <h1>{a.examTitle}</h1>
      <p class="muted">
        {a.takerName} · 共 {a.questions.length} 题 · {a.passScore} 分及格
      </p>
      {a.status === "submitted" ? (
        <div class={`notice ${a.passed ? "ok" : "err"}`} role="status">
          得分 <strong>{a.score}</strong>（答对 {a.correctCount} / {a.questions.length} 题），
          {a.passed ? "合格。" : "未达及格分，须回炉培训，培训登记后重新测试。"}
        </div>
      ) : null}
      {answering ? (
        <form class="stack exam" method="post" action={`${p.base}/exams/attempts/${a.id}/submit`}>
          <CsrfField token={p.csrf} />
          <FormErrors errors={p.errors} message={p.message} />
          {a.questions.map((q, i) => {
            const err = errorFor(p.errors, `q${q.id}`);
            return (
              <fieldset class="card" aria-invalid={err ? "true" : undefined}>
                <legend>
                  {i + 1}. {q.stem}
                </legend>
                {q.options.map((o, k) => (
                  <label class="check">
                    <input
                      type="radio"
                      name={`q${q.id}`}
                      value={String(k)}
                      required
                      checked={v[`q${q.id}`] === String(k)}
                    />{" "}
                    {LETTERS[k]}. {o}
                  </label>
                ))}
                {err ? <p class="field-error">{err}</p> : null}
              </fieldset>
            );
          })}
          <button type="submit">交卷</button>
        </form>
      ) : (
        <div class="stack">
          {a.questions.map((q, i) => (
            <div class="card">
              <p>
                {i + 1}. {q.stem}
              </p>
              <p class="muted">
                {q.chosen == null ? "未作答" : `所选：${LETTERS[q.chosen]}. ${q.options[q.chosen] ?? ""}`}
                {q.correct == null ? null : q.correct ? " ✓ 正确" : " ✗ 错误"}
              </p>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

export function QuestionBankPage(
  p: {
    base: string;
    csrf: string;
    items: { id: number; stem: string; options: string[]; correctOption: number; active: boolean }[];
    total: number;
    canManage: boolean;
  } & Form,
) {
  const v = p.values ?? {};
  return (
    <>
      <p>
        <a href={`${p.base}/exams`}>← 应知应会测试</a>
      </p>
      <h1>应知应会题库</h1>
      <p class="muted">共 {p.total} 题。题目不修改、不删除，可停用；本页含正确答案，参加测试的人员无权查看。</p>
      {p.canManage ? (
        <>
          <h2>新增题目</h2>
          <form class="stack card" method="post" action={`${p.base}/exams/questions`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <Field name="stem" label="题目" required maxlength={500} value={v.stem} errors={p.errors} />
            <div>
              <label for="f-options">
                选项<span aria-hidden="true"> *</span>
                <span class="hint">（每行一个，2–6 个）</span>
              </label>
              <textarea id="f-options" name="options" rows={4} required>
                {v.options ?? ""}
              </textarea>
              {errorFor(p.errors, "options") ? <p class="field-error">{errorFor(p.errors, "options")}</p> : null}
            </div>
            <SelectField
              name="correctOption"
              label="正确答案"
              options={LETTERS.map((l, i) => [String(i), l] as const)}
              value={v.correctOption}
              required
              errors={p.errors}
            />
            <button type="submit">添加</button>
          </form>
        </>
      ) : null}
      <ol class="stack">
        {p.items.map((q) => (
          <li class="card">
            <p>
              {q.stem} {q.active ? null : <span class="badge">已停用</span>}
            </p>
            <ul>
              {q.options.map((o, k) => (
                <li>
                  {LETTERS[k]}. {o} {k === q.correctOption ? <strong>（正确答案）</strong> : null}
                </li>
              ))}
            </ul>
            {p.canManage && q.active ? (
              <form method="post" action={`${p.base}/exams/questions/${q.id}/retire`}>
                <CsrfField token={p.csrf} />
                <button type="submit" class="secondary">
                  停用
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
