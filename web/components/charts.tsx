/**
 * Server-drawn bar charts: plain SVG, no script, no library. Written here rather than taken from
 * a charting package because every package we looked at either draws in the browser (a script,
 * which the CSP and the cheap phones argue against) or is far larger than these ~100 lines.
 *
 * One shape fits every figure the pages need: horizontal bars, one row per item, the label above
 * its bar. Rows read well at 360 px (labels never squeeze into a narrow left column) and stay
 * readable when a year has twelve months. Colours are SVG presentation attributes, not CSS, so
 * the chart looks the same under the public site's inline stylesheet, in print and under a
 * strict CSP. Accessibility: the SVG is a `role="img"` with `<title>` and `<desc>`, and the same
 * figures follow as a real table (the fallback for screen readers, copy-paste and print).
 */

export interface BarDatum {
  /** Row label, e.g. a program name or "3月". */
  label: string;
  /** The bar's length in any unit (fen, count); negative values draw as empty. */
  value: number;
  /** How the value is written next to the bar and in the table, e.g. "¥1,200.00" or "37.5%". */
  display: string;
  /** When set, a pale track of this length is drawn behind the bar (e.g. paid against budget). */
  total?: number | undefined;
  /** How the total is written in the table. */
  totalDisplay?: string | undefined;
}

export interface BarChartProps {
  /** The chart's id, unique on the page (ids of title and description derive from it). */
  id: string;
  title: string;
  /** One sentence saying what the bars mean; the SVG's <desc>. */
  desc: string;
  data: BarDatum[];
  /** Column headings of the fallback table: [row, value] or [row, value, total]. */
  columns: [string, string] | [string, string, string];
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
}

const WIDTH = 360;
const ROW = 36;
const BAR_Y = 17;
const BAR_H = 12;
const TOP = 4;

/** The longest bar's scale: the largest value or total, at least 1 so empty data draws nothing. */
function scaleMax(data: BarDatum[]): number {
  return Math.max(1, ...data.map((d) => Math.max(d.value, d.total ?? 0)));
}

/** Width of a bar of `v` on a scale of `max`, never negative, a visible sliver for any positive value. */
function barWidth(v: number, max: number): number {
  if (v <= 0) return 0;
  return Math.max(2, Math.round((v / max) * WIDTH * 10) / 10);
}

export function BarChart(p: BarChartProps) {
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;
  const max = scaleMax(p.data);
  const height = TOP + p.data.length * ROW;
  const hasTotal = p.columns.length === 3;
  return (
    <figure class="chart" id={p.id}>
      <figcaption>{p.title}</figcaption>
      {p.data.length === 0 ? (
        <p class="muted">{p.empty ?? "暂无数据"}</p>
      ) : (
        <>
          <svg
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            viewBox={`0 0 ${WIDTH} ${height}`}
            width="100%"
            preserveAspectRatio="xMinYMin meet"
            font-size="13"
          >
            <title id={titleId}>{p.title}</title>
            <desc id={descId}>{p.desc}</desc>
            {p.data.map((d, i) => {
              const y = TOP + i * ROW;
              return (
                <g>
                  <text x="0" y={y + 12} fill="#1f2328">
                    {d.label}
                  </text>
                  <text x={WIDTH} y={y + 12} fill="#1f2328" text-anchor="end">
                    {d.display}
                  </text>
                  {d.total !== undefined ? (
                    <rect x="0" y={y + BAR_Y} width={barWidth(d.total, max)} height={BAR_H} fill="#d0d7de" rx="2" />
                  ) : null}
                  <rect x="0" y={y + BAR_Y} width={barWidth(d.value, max)} height={BAR_H} fill="#0969da" rx="2" />
                </g>
              );
            })}
          </svg>
          <details class="chart-data">
            <summary>数据表</summary>
            <table>
              <caption>{p.title}</caption>
              <thead>
                <tr>
                  {p.columns.map((c, i) => (
                    <th class={i === 0 ? undefined : "num"}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.data.map((d) => (
                  <tr>
                    <td>{d.label}</td>
                    <td class="num">{d.display}</td>
                    {hasTotal ? <td class="num">{d.totalDisplay ?? ""}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
