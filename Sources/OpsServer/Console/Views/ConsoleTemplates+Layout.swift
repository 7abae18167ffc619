extension ConsoleTemplates {
    /// The page frame: head, inline stylesheet, navigation, and the signed-in key with a sign-out button.
    static let layout = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · LLMOps</title>
    <style>
    :root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; --bg:#f9fafb; --card:#fff; --accent:#2563eb; --bad:#dc2626; --ok:#16a34a; }
    * { box-sizing: border-box; }
    body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
    header { display:flex; align-items:center; gap:24px; padding:10px 24px; background:#111827; color:#fff; }
    header .brand { font-weight:700; letter-spacing:.02em; }
    header nav a { color:#d1d5db; text-decoration:none; margin-right:16px; }
    header nav a.active, header nav a:hover { color:#fff; }
    header .who { margin-left:auto; color:#9ca3af; font-size:13px; display:flex; gap:12px; align-items:center; }
    header .who button { background:none; border:1px solid #4b5563; color:#d1d5db; border-radius:6px; padding:3px 10px; cursor:pointer; }
    main { max-width:1200px; margin:0 auto; padding:24px; }
    h1 { font-size:22px; margin:0 0 16px; }
    h2 { font-size:16px; margin:24px 0 8px; }
    a { color:var(--accent); }
    .card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px; }
    .stats { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; }
    .stat .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
    .stat .value { font-size:24px; font-weight:600; }
    .stat .sub { color:var(--muted); font-size:12px; }
    .charts { display:grid; grid-template-columns:repeat(auto-fit,minmax(480px,1fr)); gap:12px; margin-top:12px; }
    .charts h3 { font-size:14px; margin:0 0 4px; }
    svg.chart { width:100%; height:auto; display:block; font-size:11px; }
    svg.chart .grid line { stroke:var(--line); }
    svg.chart .axis { stroke:#9ca3af; }
    svg.chart text { fill:var(--muted); }
    svg.chart .legend text { fill:var(--fg); font-size:12px; }
    svg.chart .empty { font-size:13px; }
    table { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
    th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
    th { background:#f3f4f6; font-weight:600; font-size:12px; color:#374151; }
    td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
    tr:hover td { background:#f9fafb; }
    .pill { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; font-weight:600; }
    .pill.ok { background:#dcfce7; color:var(--ok); }
    .pill.error { background:#fee2e2; color:var(--bad); }
    .pill.warn { background:#fef3c7; color:#92400e; }
    .muted { color:var(--muted); }
    .ranges a { margin-right:8px; padding:3px 10px; border-radius:6px; text-decoration:none; border:1px solid var(--line); background:#fff; }
    .ranges a.selected { background:var(--accent); color:#fff; border-color:var(--accent); }
    form.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; margin-bottom:12px; }
    form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
    form.filters input { width:150px; }
    input, select { font:inherit; padding:5px 8px; border:1px solid #d1d5db; border-radius:6px; background:#fff; }
    button.primary { font:inherit; padding:6px 14px; border-radius:6px; border:0; background:var(--accent); color:#fff; cursor:pointer; }
    .notice { padding:10px 14px; border-radius:6px; margin-bottom:12px; background:#fef3c7; color:#92400e; }
    .notice.error { background:#fee2e2; color:#991b1b; }
    dl.meta { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; margin:0; }
    dl.meta dt { color:var(--muted); }
    dl.meta dd { margin:0; word-break:break-all; }
    .message { border:1px solid var(--line); border-radius:8px; background:#fff; margin-bottom:8px; }
    .message .role { font-size:12px; font-weight:600; text-transform:uppercase; color:var(--muted); padding:6px 12px; border-bottom:1px solid var(--line); }
    pre { margin:0; padding:10px 12px; white-space:pre-wrap; word-break:break-word; font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace; }
    .message pre.content { font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; }
    details { margin-top:16px; }
    details pre { background:#fff; border:1px solid var(--line); border-radius:8px; max-height:480px; overflow:auto; }
    .pager { margin-top:12px; }
    .diff { border:1px solid var(--line); border-radius:8px; background:#fff; overflow:auto; }
    .diff div { font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace; white-space:pre-wrap; padding:0 12px; }
    .diff .added { background:#dcfce7; }
    .diff .removed { background:#fee2e2; }
    .diff .hunk { background:#eff6ff; color:#1e40af; }
    form.stack { display:flex; flex-direction:column; gap:10px; max-width:720px; }
    form.stack label { display:flex; flex-direction:column; gap:4px; font-size:13px; color:#374151; }
    form.stack .hint { color:var(--muted); font-size:12px; }
    form.stack fieldset { border:1px solid var(--line); border-radius:6px; display:flex; flex-direction:column; gap:6px; padding:8px 12px; min-width:0; }
    form.stack fieldset select, form.stack fieldset textarea { max-width:100%; }
    form.stack label.inline { flex-direction:row; align-items:center; gap:6px; }
    #review-forms { margin-top:16px; }
    form.stack div.filters { display:flex; flex-wrap:wrap; gap:8px; }
    form.stack div.filters input { width:150px; }
    label.invalid, fieldset.invalid { color:var(--bad); }
    label.invalid input, label.invalid select, label.invalid textarea, fieldset.invalid { border-color:var(--bad); }
    textarea { font:inherit; padding:6px 8px; border:1px solid #d1d5db; border-radius:6px; min-height:70px; }
    .actions { display:flex; gap:8px; align-items:center; }
    button.secondary { font:inherit; padding:6px 14px; border-radius:6px; border:1px solid #d1d5db; background:#fff; cursor:pointer; }
    .answer { border-left:4px solid var(--accent); }
    .grid2 { display:grid; grid-template-columns:repeat(auto-fit,minmax(420px,1fr)); gap:12px; }
    .bar { height:8px; background:#e5e7eb; border-radius:4px; overflow:hidden; min-width:120px; }
    .bar span { display:block; height:100%; background:var(--ok); }
    td.better { color:var(--ok); font-weight:600; } td.worse { color:var(--bad); font-weight:600; }
    svg.interval { width:260px; height:auto; display:block; font-size:10px; }
    svg.interval text { fill:var(--muted); }
    </style>
    </head>
    <body>
    <header>
      <span class="brand">LLMOps</span>
      {{#signedIn}}
      <nav><a href="/" class="{{#onDashboard}}active{{/onDashboard}}">Dashboard</a><a href="/traces" class="{{#onTraces}}active{{/onTraces}}">Traces</a><a href="/prompts" class="{{#onPrompts}}active{{/onPrompts}}">Prompts</a><a href="/datasets" class="{{#onDatasets}}active{{/onDatasets}}">Datasets</a><a href="/experiments" class="{{#onExperiments}}active{{/onExperiments}}">Experiments</a><a href="/review" class="{{#onReview}}active{{/onReview}}">Review</a><a href="/routes" class="{{#onRoutes}}active{{/onRoutes}}">Routes</a>{{#isAdmin}}<a href="/audit" class="{{#onAudit}}active{{/onAudit}}">Audit</a>{{/isAdmin}}</nav>
      <div class="who"><span>project <strong>{{project}}</strong> · {{role}} key {{keyPrefix}}…</span>
        <form method="post" action="/logout"><button type="submit">Sign out</button></form></div>
      {{/signedIn}}
    </header>
    <main>
    {{{body}}}
    </main>
    </body>
    </html>
    """#
}
