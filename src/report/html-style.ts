/** The page's only styling: inline (no stylesheet or font is fetched), system fonts, tables that read at a glance. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 62rem; color: #1f2328; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { margin: 0 0 .25rem; font-size: 1.7rem; }
h2 { margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid #d0d7de; font-size: 1.3rem; }
h3 { margin: 1.4rem 0 .4rem; font-size: 1.05rem; }
.description { margin: 0 0 1rem; color: #444c56; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { color: #57606a; }
dl.facts dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
table { border-collapse: collapse; margin: .3rem 0; font-variant-numeric: tabular-nums; }
/* A table wider than the page scrolls sideways inside itself rather than being cut off at the page's edge. */
table:not(.scroll table) { display: block; max-width: 100%; overflow-x: auto; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #eaeef2; text-align: left; white-space: nowrap; }
thead th { border-bottom: 2px solid #d0d7de; font-weight: 600; }
td.num, th.num { text-align: right; }
tbody tr:hover { background: #f6f8fa; }
.note { color: #57606a; font-size: .9rem; }
.scroll { max-height: 30rem; max-width: 100%; overflow: auto; border: 1px solid #eaeef2; }
.scroll table { margin: 0; width: 100%; }
.scroll th, .scroll td { padding: .25rem .55rem; }
.scroll thead th { position: sticky; top: 0; background: #fff; }
figure.chart { margin: 1.2rem 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: .35rem; color: #444c56; font-size: .9rem; max-width: 46rem; }
.warnings li { color: #9a6700; }
td.slo-pass, td.slo-fail, td.slo-inconclusive { font-weight: 700; text-align: center; letter-spacing: .04em; }
td.slo-pass { color: #116329; background: #dafbe1; }
td.slo-fail { color: #fff; background: #cf222e; }
td.slo-inconclusive { color: #4d2d00; background: #fff8c5; }
p.verdict { margin: .3rem 0; padding: .35rem .7rem; border-left: 4px solid; font-weight: 600; }
p.verdict.slo-pass { border-color: #1a7f37; background: #f0fff4; }
p.verdict.slo-fail { border-color: #cf222e; background: #fff5f5; color: #82071e; }
p.verdict.slo-unjudged { border-color: #9a6700; background: #fff8c5; }
pre { padding: .8rem 1rem; overflow: auto; background: #f6f8fa; border: 1px solid #eaeef2; border-radius: 6px;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { margin-top: 3rem; color: #57606a; font-size: .85rem; }
`;
