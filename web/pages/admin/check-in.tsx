import { CsrfField, FilterSelect, FormErrors, errorFor, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { formatClock, formatDistance, formatTime } from "../../components/format.ts";
import {
  ASSIGNMENT_ROLE_LABELS,
  ATTENDANCE_STATUS_LABELS,
  CHECK_IN_FLAG_LABELS,
  CHECK_IN_SLOT_LABELS,
  NO_LOCATION_REASON_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";
import { TownshipFilter } from "../../components/record-list.tsx";

/** One check-in as the pages show it (the API's CheckIn). */
export interface CheckInRow {
  id: number;
  assignmentId: number;
  cadreName: string | null;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  day: string;
  slot: "morning" | "evening";
  checkedAt: number;
  accuracyM: number | null;
  distanceM: number | null;
  flag: "far" | "no_location" | "village_unlocated" | null;
  noLocationReason: "denied" | "unavailable" | "unsupported" | "other" | null;
  note: string | null;
}

export interface OwnAssignment {
  id: number;
  role: "first_secretary" | "team_leader" | "team_member";
  villageName: string;
  located: boolean;
}

function FlagBadge(p: { c: CheckInRow }) {
  if (!p.c.flag)
    return <span class="badge ok">正常{p.c.distanceM != null ? `，距村 ${formatDistance(p.c.distanceM)}` : ""}</span>;
  return (
    <span class={`badge ${p.c.flag === "far" ? "err" : "warn"}`}>
      {CHECK_IN_FLAG_LABELS[p.c.flag]}
      {p.c.flag === "far" ? `，距村 ${formatDistance(p.c.distanceM)}` : ""}
      {p.c.noLocationReason ? `（${NO_LOCATION_REASON_LABELS[p.c.noLocationReason]}）` : ""}
    </span>
  );
}

/**
 * The phone page: one big button per active assignment. The location fields are hidden and
 * filled by /static/check-in.js; without it, the reason select (default: the phone cannot) goes.
 */
export function CheckInPhonePage(p: {
  base: string;
  csrf: string;
  today: string;
  assignments: OwnAssignment[];
  todays: CheckInRow[];
  result?: CheckInRow | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const reason = p.values?.noLocationReason || "unsupported";
  return (
    <div class="check-in">
      <h1>签到</h1>
      <p class="muted">{p.today}（上午 12 点前为上午签到，之后为下午签到）</p>
      {p.result ? (
        <div class={`notice ${p.result.flag === "far" ? "err" : "ok"}`} role="status">
          <b>
            已签到：{p.result.villageName} {CHECK_IN_SLOT_LABELS[p.result.slot]} {formatClock(p.result.checkedAt)}
          </b>
          <br />
          {p.result.flag === "far"
            ? `距村登记位置 ${formatDistance(p.result.distanceM)}，已标记，乡镇将核实。`
            : p.result.flag === "no_location"
              ? "未带位置，已记录原因。"
              : p.result.flag === "village_unlocated"
                ? "本村尚未登记位置，无法核对距离。"
                : `距村登记位置 ${formatDistance(p.result.distanceM)}。`}
        </div>
      ) : null}
      {p.assignments.length === 0 ? (
        <p class="notice info">您当前没有在岗的驻村任务，不需要签到。</p>
      ) : p.assignments.length === 1 && p.todays.length >= 2 ? (
        <p class="notice ok">今天上午、下午都已签到。</p>
      ) : (
        <form id="check-in-form" class="stack card" method="post" action={`${p.base}/check-in`}>
          <CsrfField token={p.csrf} />
          <FormErrors errors={p.errors} message={p.message} />
          {/* The location fields are hidden: their errors are spelled out here. */}
          {(p.errors ?? [])
            .filter((e) => e.field !== "noLocationReason")
            .map((e) => (
              <p class="field-error">{e.message}</p>
            ))}
          {p.assignments.length > 1 ? (
            <div>
              <label for="f-assignmentId">驻村任务</label>
              <select id="f-assignmentId" name="assignmentId" required>
                {p.assignments.map((a) => (
                  <option value={String(a.id)} selected={p.values?.assignmentId === String(a.id)}>
                    {a.villageName} · {ASSIGNMENT_ROLE_LABELS[a.role]}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <>
              <input type="hidden" name="assignmentId" value={String(p.assignments[0]!.id)} />
              <p>
                <b>{p.assignments[0]!.villageName}</b> · {ASSIGNMENT_ROLE_LABELS[p.assignments[0]!.role]}
              </p>
            </>
          )}
          <input type="hidden" name="latitude" value="" />
          <input type="hidden" name="longitude" value="" />
          <input type="hidden" name="accuracy" value="" />
          <p id="check-in-location" class="muted" aria-live="polite">
            未使用定位（手机浏览器未运行脚本时）
          </p>
          <div id="no-location">
            <label for="f-noLocationReason">没有定位的原因</label>
            <select id="f-noLocationReason" name="noLocationReason">
              {options(NO_LOCATION_REASON_LABELS).map(([k, v]) => (
                <option value={k} selected={reason === k}>
                  {v}
                </option>
              ))}
            </select>
            {errorFor(p.errors, "noLocationReason") ? (
              <p class="field-error">{errorFor(p.errors, "noLocationReason")}</p>
            ) : null}
          </div>
          <button type="submit" class="big">
            签到
          </button>
        </form>
      )}
      <h2>今天</h2>
      {p.todays.length === 0 ? (
        <p class="muted">今天还没有签到。</p>
      ) : (
        <ul class="plain">
          {p.todays.map((c) => (
            <li>
              {c.villageName} {CHECK_IN_SLOT_LABELS[c.slot]} {formatClock(c.checkedAt)} <FlagBadge c={c} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`${p.base}/leaves`}>请假 / 销假</a> · <a href={`${p.base}/check-ins`}>我的签到记录</a>
      </p>
      <script src="/static/check-in.js" defer></script>
    </div>
  );
}

export function CheckInListPage(p: {
  base: string;
  page: { items: CheckInRow[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Record<string, string | undefined>;
  errors?: FieldError[] | undefined;
  canCheckIn: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>签到记录</h1>
      <form class="inline" method="get" action={`${p.base}/check-ins`} role="search">
        <TownshipFilter townships={p.townships} value={f.townshipCode} />
        <div>
          <label for="from">起始日期</label>
          <input id="from" name="from" type="date" value={f.from ?? ""} />
        </div>
        <div>
          <label for="to">截止日期</label>
          <input id="to" name="to" type="date" value={f.to ?? ""} />
        </div>
        <FilterSelect name="flag" label="标记" options={options(CHECK_IN_FLAG_LABELS)} value={f.flag} />
        {f.assignmentId ? <input type="hidden" name="assignmentId" value={f.assignmentId} /> : null}
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <FormErrors errors={p.errors} />
      <div class="actions">
        {p.canCheckIn ? (
          <a class="button" href={`${p.base}/check-in`}>
            签到
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/check-ins/summary`}>
          月度在岗情况
        </a>
        <a class="button secondary" href={`${p.base}/leaves`}>
          请假
        </a>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>日期</th>
              <th>时段</th>
              <th>干部</th>
              <th>村</th>
              <th>时间</th>
              <th>定位</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={6} class="muted">
                  没有签到记录
                </td>
              </tr>
            ) : (
              p.page.items.map((c) => (
                <tr>
                  <td>{c.day}</td>
                  <td>{CHECK_IN_SLOT_LABELS[c.slot]}</td>
                  <td>
                    <a href={`${p.base}/assignments/${c.assignmentId}`}>{c.cadreName ?? "—"}</a>
                  </td>
                  <td>{c.villageName}</td>
                  <td>{formatTime(c.checkedAt)}</td>
                  <td>
                    <FlagBadge c={c} />
                    {c.accuracyM != null ? <span class="muted"> 精度 {c.accuracyM} 米</span> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/check-ins`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

export interface PresenceRowView {
  assignmentId: number;
  cadreName: string | null;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  role: string;
  checkInDays: number;
  flaggedCheckIns: number;
  leaveDays: number;
  reportedDays: number | null;
  attendanceStatus: "reported" | "confirmed" | null;
}

/** The township's month: check-in days beside the resident days it confirms on the assignment page. */
export function PresencePage(p: {
  base: string;
  data: { month: string; items: PresenceRowView[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Record<string, string | undefined>;
  errors?: FieldError[] | undefined;
}) {
  const f = p.filter;
  return (
    <>
      <h1>{p.data.month} 在岗情况</h1>
      <p class="muted">
        签到天数为当月有签到的天数，签到时自动作为驻村天数填报；乡镇（本乡镇）或县级在驻村任务页核对后确认，确认后才计发
        100 元/天的生活补助。
      </p>
      <form class="inline" method="get" action={`${p.base}/check-ins/summary`} role="search">
        <div>
          <label for="month">月份</label>
          <input id="month" name="month" type="month" value={f.month ?? p.data.month} maxlength={7} />
        </div>
        <TownshipFilter townships={p.townships} value={f.townshipCode} />
        <button type="submit" class="secondary">
          查看
        </button>
      </form>
      <FormErrors errors={p.errors} />
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>干部</th>
              <th>村</th>
              <th class="num">签到天数</th>
              <th class="num">异常签到</th>
              <th class="num">请假天数</th>
              <th class="num">驻村天数</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.data.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  本月没有在岗的驻村任务
                </td>
              </tr>
            ) : (
              p.data.items.map((r) => (
                <tr>
                  <td>
                    <a href={`${p.base}/assignments/${r.assignmentId}`}>{r.cadreName ?? "—"}</a>
                  </td>
                  <td>{r.villageName}</td>
                  <td class="num">{r.checkInDays}</td>
                  <td class="num">
                    {r.flaggedCheckIns > 0 ? (
                      <a
                        href={withQuery(`${p.base}/check-ins`, {
                          assignmentId: r.assignmentId,
                          from: `${p.data.month}-01`,
                          to: `${p.data.month}-31`,
                        })}
                      >
                        {r.flaggedCheckIns}
                      </a>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td class="num">{r.leaveDays}</td>
                  <td class="num">{r.reportedDays ?? "—"}</td>
                  <td>
                    {r.attendanceStatus ? (
                      <span class={`badge ${r.attendanceStatus === "confirmed" ? "ok" : "warn"}`}>
                        {label(ATTENDANCE_STATUS_LABELS, r.attendanceStatus)}
                      </span>
                    ) : (
                      <span class="muted">未填报</span>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/check-ins/summary`}
        query={{ month: p.data.month, townshipCode: f.townshipCode }}
        page={p.data.page}
        size={p.data.size}
        total={p.data.total}
      />
    </>
  );
}
