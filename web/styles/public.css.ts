import { createHash } from "node:crypto";

/**
 * The public site's whole stylesheet, inlined into every public page (no extra request on a
 * weak mobile signal). System fonts only, 17 px base and nothing under 16 px (1rem), contrast ≥ 4.5:1 everywhere (text
 * #1a1a1a / links #0645ad / muted #4d4d4d on white; white on #a31515), one column that works
 * from 320 px, and a print style for the village board (公开栏) and the A4 QR poster.
 */
export const PUBLIC_CSS = `:root{font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1a1a1a;background:#fff}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font-size:17px;line-height:1.65}
a{color:#0645ad}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0645ad;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
header{background:#a31515;color:#fff;padding:.5rem .9rem}header a{color:#fff;text-decoration:none;font-weight:700}header small{display:block;font-weight:400;font-size:1rem}
nav.pn{border-bottom:1px solid #ccc;padding:.2rem .5rem}nav.pn a{display:inline-block;padding:.4rem .45rem;color:#1a1a1a}
main{max-width:46rem;margin:0 auto;padding:.75rem .9rem 2rem;overflow-wrap:break-word}
h1{font-size:1.45rem;line-height:1.35;margin:.4rem 0 .6rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid #a31515}h3{font-size:1.05rem;margin:1rem 0 .3rem}
p{margin:.4rem 0}ul.l{padding-left:1.2rem;margin:.3rem 0}ul.l li{margin:.2rem 0}
.m,.muted{color:#4d4d4d}.s{font-size:1rem}.n{font-variant-numeric:tabular-nums;white-space:nowrap}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1rem;word-break:break-all}
.fig{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:.5rem 0}.fig a,.fig div{display:block;border:1px solid #bbb;border-radius:6px;padding:.45rem .6rem;text-decoration:none;color:#1a1a1a}.fig b{display:block;font-size:1.3rem}
.tw{overflow-x:auto}figure.chart{margin:.5rem 0 1rem}figure.chart figcaption{font-weight:600}figure.chart svg{display:block;max-width:32rem;height:auto;margin:.3rem 0}.chart-data .num{text-align:right}table{border-collapse:collapse;width:100%;font-size:1rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #ccc;vertical-align:top}th{background:#f2f2f2}td.r,th.r{text-align:right}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.3rem 0}dt{color:#4d4d4d}dd{margin:0}
.box{border:1px solid #bbb;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}.ok{background:#e8f5e9;border-color:#2e7d32}.err{background:#fdecea;border-color:#c62828}.warn{background:#fff8e1;border-color:#8a6d00}
.tag{display:inline-block;border:1px solid #888;border-radius:999px;padding:0 .45rem;font-size:1rem;margin:0 .2rem .2rem 0}
form{display:grid;gap:.7rem;max-width:30rem}label{font-weight:600;display:block}label span{font-weight:400;color:#4d4d4d;font-size:1rem}
input,select,textarea{font:inherit;width:100%;padding:.5rem;border:1px solid #666;border-radius:6px;min-height:2.75rem;background:#fff;color:#1a1a1a}textarea{min-height:7rem}
button,.btn{font:inherit;display:inline-block;min-height:2.75rem;padding:.5rem 1.1rem;border-radius:6px;border:0;background:#a31515;color:#fff;text-decoration:none;cursor:pointer}
.fe{color:#b00020;margin:.2rem 0 0}
ol.st{padding-left:1.3rem}ol.st li{margin:.3rem 0}
footer{border-top:1px solid #ccc;color:#4d4d4d;font-size:1rem;padding:1rem .9rem;text-align:center}
.pager{margin:.6rem 0}.pager a{margin-right:1rem}
.poster{max-width:180mm;margin:0 auto;text-align:center}.poster h1{font-size:2rem}.poster .qr{width:110mm;max-width:90%;margin:.5rem auto}.poster .qr svg{width:100%;height:auto;display:block}
.sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.8rem}.sheet section{border:1px dashed #666;padding:.5rem;text-align:center;break-inside:avoid}.sheet svg{width:100%;max-width:12rem;height:auto}
.pn-head{display:grid;grid-template-columns:1fr;gap:.5rem}.pn-issuer{font-weight:700;margin:0}.pn-period{font-size:1.1rem}.pn-qr{margin:0;text-align:center}.pn-qr svg{width:10rem;max-width:100%;height:auto;display:block;margin:0 auto}.pn-qr figcaption{font-size:1rem}.pn-foot{margin-top:1rem;border-top:1px solid #888;padding-top:.4rem}
@media (min-width:40rem){.pn-head{grid-template-columns:1fr 10rem}}
@media print{.pn-head{grid-template-columns:1fr 36mm}.pn-qr svg{width:34mm}.print-notice table{font-size:11pt}thead{display:table-header-group}header,nav.pn,footer,form,.np{display:none}body{font-size:12pt}main{max-width:none;padding:0}a{color:#000;text-decoration:none}h2{break-after:avoid}tr,.box{break-inside:avoid}@page{size:A4;margin:12mm}.poster{page-break-after:always}}`;

/**
 * CSP source for the inlined stylesheet: the public pages are cached, so a per-response nonce
 * would not match a cached body; the stylesheet's SHA-256 allows exactly this text and nothing else.
 */
export const PUBLIC_STYLE_HASH = `'sha256-${createHash("sha256").update(PUBLIC_CSS, "utf8").digest("base64")}'`;
