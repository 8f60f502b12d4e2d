/**
 * The admin UI's whole stylesheet: small, no framework, system fonts (no downloads).
 * Mobile first: cadres use it on phones at 360 px; it widens into a sidebar layout on desktops.
 */
export const ADMIN_CSS = `
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;--brand:#b71c1c;--brand-d:#8e1414;--ok:#1a7f37;--warn:#9a6700;--err:#cf222e;--focus:#0969da;
font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font-size:16px;line-height:1.6}
a{color:#0550ae}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.top{background:var(--brand);color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
header.top .brand{font-weight:700;font-size:1.05rem;color:#fff;text-decoration:none;margin-right:auto}
header.top .brand small{font-weight:400;opacity:.9;margin-left:.4rem}
header.top .who{font-size:.9rem}header.top .who .role{display:inline-block;margin-left:.3rem;padding:0 .5rem;border:1px solid #fff8;border-radius:999px;font-size:.8rem;line-height:1.5}
header.top form{display:inline;margin:0}
header.top button{background:transparent;border:1px solid #fff8;color:#fff;padding:.15rem .6rem;border-radius:4px;font-size:.9rem;cursor:pointer}
nav.main{background:#fff;border-bottom:1px solid var(--line)}
nav.main .side{display:none}
nav.main summary{padding:.6rem 1rem;cursor:pointer;font-weight:600;list-style-position:inside}
nav.main details[open] summary{border-bottom:1px solid var(--line)}
nav.main .nav-group{padding:.25rem .75rem}
nav.main .nav-label{margin:.4rem 0 .1rem;color:var(--muted);font-size:.8rem}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav.main a{display:block;padding:.45rem .7rem;text-decoration:none;color:var(--fg);border-radius:6px}
nav.main a[aria-current=page]{background:#fde8e8;color:var(--brand-d);font-weight:600}
main{padding:1rem;max-width:1200px;margin:0 auto;min-width:0;overflow-wrap:break-word}
h1{font-size:1.4rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin-bottom:1rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(12.5rem,1fr));gap:.75rem;margin-bottom:1rem}
.tile{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem}
.tile b{display:block;font-size:1.25rem;line-height:1.3;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}.tile span{display:block;color:var(--muted);font-size:.9rem}
a.tile{display:block;color:inherit;text-decoration:none}a.tile b{color:#0550ae}a.tile:hover{border-color:#0550ae}a.tile:hover span{text-decoration:underline}
.tile.alert b,a.tile.alert b{color:var(--err)}
fieldset.candidates{margin:.5rem 0 0}fieldset.candidates label{display:flex;gap:.4rem;margin-right:0}
.picture-toc{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0 0;font-size:.95rem}
section.picture .more{margin:.4rem 0 0;font-size:.9rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr));gap:.75rem;margin-bottom:1rem}
figure.chart{margin:0 0 1rem;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem;min-width:0}
figure.chart figcaption{font-weight:600}figure.chart svg{display:block;margin:.5rem 0;max-width:28rem;height:auto}
.chart-data summary{color:#0550ae;cursor:pointer;font-size:.9rem}.chart-data caption{text-align:left;color:var(--muted);font-size:.85rem}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid var(--line);vertical-align:baseline}
.nowrap{white-space:nowrap}td.mono:not(.wrap),td span.mono{white-space:nowrap;word-break:normal}
td form{margin:0}td button,td .button{min-height:2rem;padding:.15rem .7rem;font-size:.9rem}td input{min-height:2rem;padding:.2rem .45rem}
td form.stack{grid-template-columns:minmax(8rem,1fr) auto;gap:.25rem .4rem;min-width:15rem;max-width:none;align-items:center}td form.stack label,td form.stack .field-error{grid-column:1/-1}td form.stack label{font-weight:400;font-size:.85rem;color:var(--muted)}
th{background:#f0f3f6;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
form.stack{display:grid;gap:.75rem;max-width:36rem}form.stack>p{margin:0}form.stack>.actions{margin:0}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
label{display:block;font-weight:600;font-size:.95rem}
label .hint{font-weight:400;color:var(--muted);font-size:.85rem}
input,select,textarea{font:inherit;width:100%;padding:.45rem .55rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:var(--fg);min-height:2.5rem}
form.inline input,form.inline select{width:auto;max-width:100%}form.inline>div{min-width:0;max-width:100%}
input[type=checkbox],input[type=radio]{width:1.15rem;height:1.15rem;min-height:0;padding:0;margin:0 .4rem 0 0;flex:none;accent-color:var(--brand)}
label:has(>input[type=checkbox]),label:has(>input[type=radio]){display:inline-flex;align-items:center;font-weight:400;margin-right:1.25rem;min-height:2.25rem;cursor:pointer}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.4rem .75rem .5rem;margin:0;min-width:0}legend{font-weight:600;font-size:.95rem;padding:0 .3rem}
dl.kv dd form{display:inline-block;margin:0 0 0 .5rem}dl.kv dd button{min-height:1.9rem;padding:.1rem .6rem;font-size:.85rem}
.actions form{margin:0;display:inline-flex;gap:.5rem;align-items:center}
input[aria-invalid=true],select[aria-invalid=true]{border-color:var(--err)}
.field-error{color:var(--err);font-size:.9rem;margin:.2rem 0 0}
button,.button{font:inherit;display:inline-block;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--brand-d);background:var(--brand);color:#fff;cursor:pointer;text-decoration:none;min-height:2.5rem}
button.secondary,.button.secondary{background:#fff;color:var(--fg);border-color:#8c959f}
button.danger{background:#fff;color:var(--err);border-color:var(--err)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0 1rem}.card>.actions:last-child{margin-bottom:0}
.notice{padding:.75rem 1rem;border-radius:6px;margin-bottom:1rem;border:1px solid}
.notice.ok{background:#dafbe1;border-color:#4ac26b}.notice.err{background:#ffebe9;border-color:#ff8182}.notice.info{background:#ddf4ff;border-color:#54aeff}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;border:1px solid var(--line);background:#f6f8fa;white-space:nowrap}
.badge.ok{background:#dafbe1;border-color:#4ac26b}.badge.err{background:#ffebe9;border-color:#ff8182}.badge.warn{background:#fff8c5;border-color:#d4a72c}
.muted{color:var(--muted)}
.pager{display:flex;gap:.5rem;align-items:center;margin:.75rem 0}
.login{max-width:24rem;margin:2rem auto}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
.check-in form.stack{max-width:24rem}button.big{font-size:1.4rem;min-height:4rem;width:100%;font-weight:600}ul.plain{list-style:none;padding:0;margin:0 0 1rem}ul.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
footer.foot{color:var(--muted);font-size:.85rem;text-align:center;padding:1.5rem 1rem}
td.text{min-width:9em}ul.changes{list-style:none;margin:0;padding:0;min-width:14rem}ul.changes li{margin:.1rem 0}del{color:#9b1c1c}ins{color:#1a7f37;text-decoration:none;font-weight:600}
details.raw summary{color:var(--muted);font-size:.85rem;cursor:pointer}details.raw pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;max-width:36rem;margin:.25rem 0}
ul.error-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.why{color:var(--muted);font-size:.9rem}
@media (max-width:600px){
main{padding:.75rem}h1{font-size:1.25rem}
.tiles{grid-template-columns:repeat(2,minmax(0,1fr));gap:.5rem}.tile{padding:.6rem}.tile b{font-size:1.1rem}
th,td{padding:.45rem .5rem;font-size:.9rem}.table-wrap td{min-width:6.5em}.table-wrap td.num{min-width:0}.table-wrap td.text{min-width:14em}
dl.kv{grid-template-columns:minmax(4.5em,max-content) minmax(0,1fr);gap:.2rem .75rem}
table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.25rem 0}
table.stack td{display:flex;align-items:baseline;gap:.75rem;min-width:0;border:0;padding:.2rem .6rem;text-align:left}
table.stack td[data-label]::before{content:attr(data-label);flex:0 0 5.5em;color:var(--muted)}
table.stack td.title{font-weight:600}table.stack.pairs tr{display:flex;flex-wrap:wrap}table.stack.pairs td{flex:0 0 50%}
table.stack.pairs td.title,table.stack.pairs td.mono,table.stack.pairs td[colspan]{flex-basis:100%}table.stack.pairs td[data-label]::before{flex-basis:4.5em}
table.stack,table.stack tbody{display:block;width:100%}.table-wrap table.stack td{min-width:0;overflow-wrap:anywhere;flex-wrap:wrap}table.stack td>*{min-width:0;max-width:100%}
table.stack td form.stack,table.stack ul.changes{min-width:0}table.stack td.nowrap,table.stack td.mono:not(.wrap){white-space:normal}}
@media (min-width:900px){
.shell{display:grid;grid-template-columns:12rem 1fr;min-height:calc(100vh - 3rem)}
nav.main{border-bottom:0;border-right:1px solid var(--line)}
nav.main .menu{display:none}nav.main .side{display:block;position:sticky;top:0;padding:.5rem 0}
nav.main ul{display:block}
main{padding:1.5rem 2rem;margin:0;max-width:1100px}}
@media print{header.top,nav.main,.actions,footer.foot,form{display:none}body{background:#fff}.card,.table-wrap,figure.chart{border:0}figure.chart{break-inside:avoid}}
.chart{margin:0 0 1rem;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem}.chart figcaption{font-weight:600;margin-bottom:.25rem}.chart svg{max-width:40rem;height:auto;display:block}
details.measure{border-top:1px solid var(--line);padding:.4rem 0}details.measure summary{cursor:pointer}
@media print{header.top,nav.main,.actions,footer.foot,form{display:none}body{background:#fff}.card,.table-wrap{border:0}}
`;
