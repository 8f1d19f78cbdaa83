"""The one stylesheet of every page (report, comparison, serve), inlined by the page shell
so a page loads nothing from outside."""

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232a;background:#fafafa}
header{background:#1d3557;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:20px}
header .subtitle{margin:2px 0 0}
nav a{color:#fff;margin-right:14px}
main{padding:8px 24px 48px;max-width:1200px}
main.wide{max-width:none}
section{margin-top:28px}
h2{border-bottom:2px solid #1d3557;padding-bottom:4px}
.counts span{display:inline-block;margin-right:18px}
.card,.finding{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;
margin:8px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:8px}
.muted,.diff{color:#5c6670;font-size:13px}
.finding{border-left:5px solid #adb5bd}
.finding.contradiction{border-left-color:#c1121f}
.finding.quote_drift{border-left-color:#e76f51}
.finding.alias_conflict{border-left-color:#8338ec}
.finding.corroboration{border-left-color:#2a9d8f}
.doctext{background:#fff;border:1px solid #d8dde3;padding:12px 16px;border-radius:6px}
td .doctext{font-size:13px;max-height:480px;overflow:auto;padding:6px 8px;margin-top:4px}
mark.actor{background:#dbeafe;padding:0 1px;border-radius:2px}
mark.actor.pronoun,mark.actor.title,mark.actor.role{background:#e9d5ff}
q.quote{quotes:none;background:#f1f3f5;border-bottom:2px solid #868e96}
q.quote.indirect{border-bottom-style:dashed}
q.quote.unattributed{background:#f1f3f5;border-bottom-color:#adb5bd}
q.sp0{background:#fff3bf;border-bottom-color:#f08c00}
q.sp1{background:#d0ebff;border-bottom-color:#1971c2}
q.sp2{background:#d3f9d8;border-bottom-color:#2f9e44}
q.sp3{background:#ffdeeb;border-bottom-color:#c2255c}
q.sp4{background:#e5dbff;border-bottom-color:#6741d9}
q.sp5{background:#c5f6fa;border-bottom-color:#0c8599}
q.sp6{background:#ffe8cc;border-bottom-color:#d9480f}
q.sp7{background:#e9ecef;border-bottom-color:#495057}
q.quote[id]::before{content:attr(data-speaker) " · " attr(data-kind);font-size:11px;
background:#495057;color:#fff;border-radius:3px;padding:0 4px;margin-right:3px;
vertical-align:super}
mark.claim{background:none;text-decoration:underline solid #c1121f 2px;
text-underline-offset:3px}
mark.framing{background:none;text-decoration:underline dotted #8338ec 2px;
text-underline-offset:3px}
mark.claim mark.framing,mark.framing mark.claim{text-decoration-style:double}
mark.evidence{background:none}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;margin:6px 0 10px}
.legend span{white-space:nowrap}
:target{outline:3px solid #1d3557}
table{border-collapse:collapse;background:#fff}
table.columns{width:100%;table-layout:fixed}
td,th{border:1px solid #d8dde3;padding:4px 8px;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:#eef1f5}
del{background:#fde2e1;color:#9b1c1c}
ins{background:#d8f3dc;text-decoration:none}
.first{font-size:11px;background:#1d3557;color:#fff;border-radius:3px;padding:0 4px}
summary{cursor:pointer;font-weight:600;margin:8px 0}
.absent{color:#adb5bd}
details.kind>summary{font-size:16px}
details.kind .count,.pill{font-size:12px;background:#e9ecef;border-radius:9px;padding:0 7px;
font-weight:400}
form.search{display:flex;flex-wrap:wrap;gap:6px;align-items:end;margin:12px 0}
form.search label{display:flex;flex-direction:column;font-size:12px;color:#5c6670}
form.search input,form.search select,form.search button{font:inherit;padding:3px 6px}
.hit{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:8px 12px;margin:6px 0}
.hit mark,.snippet mark{background:#ffe066;padding:0 1px}
.pages a{margin-right:12px}
button.cite{font-size:12px;padding:0 6px;margin-left:6px;cursor:pointer;border:1px solid #adb5bd;
border-radius:4px;background:#fff}
button.cite.copied{background:#d3f9d8}
output.citation{display:block;font-size:12px;font-family:ui-monospace,monospace;
background:#f8f9fa;border:1px dashed #adb5bd;padding:4px 6px;margin-top:4px;white-space:pre-wrap}
output.citation:empty{display:none}
svg.chart{background:#fff;border:1px solid #d8dde3;border-radius:6px;max-width:100%}
svg.chart text{font:11px system-ui,sans-serif;fill:#495057}
"""
