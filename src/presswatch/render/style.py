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
q.quote{quotes:none;background:#fef3c7;border-bottom:2px solid #f59e0b}
q.quote.indirect{background:#ecfccb;border-bottom-color:#65a30d}
q.quote.mixed{background:#ffedd5}
q.quote.unattributed{border-bottom-style:dashed}
q.quote[id]::before{content:attr(data-speaker) " · " attr(data-kind);font-size:11px;
background:#b45309;color:#fff;border-radius:3px;padding:0 4px;margin-right:3px;
vertical-align:super}
q.quote.unattributed[id]::before{background:#6b7280}
mark.claim{background:none;border-bottom:2px dotted #c1121f}
mark.framing{background:none;text-decoration:underline wavy #8338ec}
mark.evidence{outline:2px solid #c1121f}
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
"""
