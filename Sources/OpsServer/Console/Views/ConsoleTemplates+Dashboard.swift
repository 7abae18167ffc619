extension ConsoleTemplates {
    /// `GET /`: range selector, summary numbers, four charts and the per-model table.
    static let dashboard = #"""
    <h1>Dashboard</h1>
    <p class="ranges">{{#ranges}}<a href="{{href}}" class="{{#selected}}selected{{/selected}}">{{label}}</a>{{/ranges}}
      <span class="muted">{{from}} – {{to}}</span></p>
    {{#notice}}<div class="notice">{{notice}}</div>{{/notice}}
    <div class="stats">
      <div class="card stat" id="stat-requests"><div class="label">Requests</div><div class="value">{{requests}}</div><div class="sub"><a href="/traces">all traces</a></div></div>
      <div class="card stat" id="stat-errors"><div class="label">Errors</div><div class="value">{{errors}}</div><div class="sub">{{errorRate}} of requests · <a href="/traces?status=error">see them</a></div></div>
      <div class="card stat" id="stat-p50"><div class="label">p50 latency</div><div class="value">{{p50}}</div></div>
      <div class="card stat" id="stat-p95"><div class="label">p95 latency</div><div class="value">{{p95}}</div></div>
      <div class="card stat" id="stat-tokens"><div class="label">Tokens</div><div class="value">{{tokens}}</div></div>
      <div class="card stat" id="stat-cost"><div class="label">Cost</div><div class="value">{{cost}}</div></div>
    </div>
    <div class="charts">
      {{#charts}}<div class="card"><h3>{{title}}</h3>{{{svg}}}</div>{{/charts}}
    </div>
    <h2>By model</h2>
    {{#hasModels}}
    <table id="models">
      <thead><tr><th>Model</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">p50</th><th class="num">p95</th><th class="num">Tokens</th><th class="num">Cost</th></tr></thead>
      <tbody>
      {{#models}}<tr><td><a href="/traces?model={{modelQuery}}">{{model}}</a></td><td class="num">{{requests}}</td><td class="num">{{errors}}</td><td class="num">{{p50}}</td><td class="num">{{p95}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td></tr>{{/models}}
      </tbody>
    </table>
    {{/hasModels}}
    {{^hasModels}}<p class="muted">No requests in this range yet. Send one through <code>/v1/chat/completions</code> and reload.</p>{{/hasModels}}
    """#
}
