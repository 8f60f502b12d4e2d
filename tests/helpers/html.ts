/** Reads the hidden CSRF field out of an admin page. */
export function csrfOf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error("no CSRF field on the page");
  return m[1]!;
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookieOf(res: Response): string {
  const m = (res.headers.get("set-cookie") ?? "").match(/bangfu_session=([^;]+)/);
  if (!m) throw new Error("no session cookie set");
  return `bangfu_session=${m[1]}`;
}
