/**
 * A horizontal bar chart as plain server-rendered SVG (no script): one row per item, bars scaled
 * to the largest value, the number at the bar's end. Scales to its container's width.
 */
export function BarChart(p: {
  title: string;
  rows: { label: string; value: number }[];
  /** Bar colour; the default is the admin blue. */
  color?: string;
}) {
  const rowH = 22;
  const labelW = 150;
  const barW = 220;
  const width = labelW + barW + 50;
  const max = Math.max(1, ...p.rows.map((r) => r.value));
  const height = Math.max(1, p.rows.length) * rowH + 4;
  return (
    <figure class="chart">
      <figcaption>{p.title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${p.title}：${p.rows.map((r) => `${r.label} ${r.value}`).join("，")}`}
      >
        {p.rows.map((r, i) => {
          const y = i * rowH + 2;
          const w = Math.round((r.value / max) * barW);
          return (
            <g>
              <text x={labelW - 6} y={y + 15} text-anchor="end" font-size="12" fill="#24292f">
                {r.label.length > 10 ? `${r.label.slice(0, 10)}…` : r.label}
              </text>
              <rect
                x={labelW}
                y={y + 3}
                width={Math.max(w, r.value > 0 ? 2 : 0)}
                height={rowH - 8}
                fill={p.color ?? "#0969da"}
                rx="2"
              />
              <text x={labelW + w + 4} y={y + 15} font-size="12" fill="#57606a">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
