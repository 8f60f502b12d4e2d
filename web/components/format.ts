/** Display helpers. Dates and times are shown in China Standard Time, whatever the server's zone. */
const timeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** Unix seconds → "2026/11/23 17:29:09" in Asia/Shanghai. */
export function formatTime(unixSeconds: number | null | undefined): string {
  if (unixSeconds == null) return "—";
  return timeFormat.format(new Date(unixSeconds * 1000));
}
