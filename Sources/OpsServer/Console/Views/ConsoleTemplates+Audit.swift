extension ConsoleTemplates {
    /// `GET /audit`: the project's audit entries, filters mirroring `GET /api/audit`, newest first.
    static let audit = #"""
    <h1>Audit log</h1>
    <p class="muted">Security-relevant actions in project {{project}}, newest first. Entries are hash-chained; <code>llmops audit verify</code> checks the chain.</p>
    {{#error}}<div class="notice error" role="alert">{{error}}</div>{{/error}}
    <form class="filters" method="get" action="/audit">
      <label>Action<input name="action" value="{{filterAction}}" placeholder="key.create"></label>
      <label>From<input name="from" value="{{filterFrom}}" placeholder="2026-01-31T00:00:00Z"></label>
      <label>To<input name="to" value="{{filterTo}}" placeholder="RFC 3339 or Unix seconds"></label>
      <button class="primary" type="submit">Filter</button> <a href="/audit">Clear</a>
    </form>
    {{#hasRows}}
    <table id="audit">
      <thead><tr><th class="num">#</th><th>Time</th><th>Actor</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead>
      <tbody>
      {{#rows}}<tr class="audit-row"><td class="num">{{sequence}}</td><td>{{time}}</td><td>{{actor}}</td><td><code>{{action}}</code></td><td>{{target}}</td><td><code>{{detail}}</code></td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No audit entries match.</p>{{/hasRows}}
    {{#nextHref}}<p class="pager"><a id="next-page" href="{{nextHref}}">Next page →</a></p>{{/nextHref}}
    """#
}
