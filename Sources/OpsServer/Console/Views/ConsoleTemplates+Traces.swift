extension ConsoleTemplates {
    /// `GET /traces`: filters mirroring `GET /api/traces`, the table, and the next-page link.
    static let traces = #"""
    <h1>Traces</h1>
    {{#error}}<div class="notice error" role="alert">{{error}}</div>{{/error}}
    <form class="filters" method="get" action="/traces">
      <label>Model<input name="model" value="{{filterModel}}"></label>
      <label>Status<select name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></label>
      <label>User<input name="user" value="{{filterUser}}"></label>
      <label>Session<input name="session_id" value="{{filterSession}}"></label>
      <label>Tag<input name="tag" value="{{filterTag}}"></label>
      <label>From<input name="from" value="{{filterFrom}}" placeholder="2026-01-31T00:00:00Z"></label>
      <label>To<input name="to" value="{{filterTo}}" placeholder="RFC 3339 or Unix seconds"></label>
      <button class="primary" type="submit">Filter</button> <a href="/traces">Clear</a>
    </form>
    {{#hasRows}}
    <table id="traces">
      <thead><tr><th>Time</th><th>Model</th><th>Status</th><th class="num">Latency</th><th class="num">Tokens</th><th class="num">Cost</th><th>User</th><th>Session</th></tr></thead>
      <tbody>
      {{#rows}}<tr class="trace-row"><td><a class="trace-link" href="{{href}}">{{time}}</a></td><td>{{model}}</td><td><span class="pill {{status}}">{{status}}</span></td><td class="num">{{latency}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td><td>{{#user}}<a href="{{userHref}}">{{user}}</a>{{/user}}</td><td>{{#session}}<a href="{{sessionHref}}">{{session}}</a>{{/session}}</td></tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No traces match.</p>{{/hasRows}}
    {{#nextHref}}<p class="pager"><a id="next-page" href="{{nextHref}}">Next page →</a></p>{{/nextHref}}
    """#

    /// `GET /traces/{id}`: metadata, messages, output, error, generations and the raw JSON.
    static let trace = #"""
    <p><a href="/traces">← Traces</a></p>
    <h1>Trace <code>{{id}}</code></h1>
    {{#queueControl}}{{> queue-notice}}{{/queueControl}}
    <div class="card">
    <dl class="meta">
      <dt>Status</dt><dd><span class="pill {{status}}">{{status}}</span> HTTP {{httpStatus}}</dd>
      <dt>Call</dt><dd>{{name}}</dd>
      <dt>Model</dt><dd id="trace-model">{{model}}</dd>
      <dt>Provider</dt><dd>{{provider}}</dd>
      <dt>Time</dt><dd>{{time}}</dd>
      <dt>Latency</dt><dd>{{latency}} (first token {{ttft}})</dd>
      <dt>Tokens</dt><dd>{{tokens}}</dd>
      <dt>Cost</dt><dd>{{cost}}</dd>
      <dt>User</dt><dd>{{user}}</dd>
      <dt>Session</dt><dd>{{session}}</dd>
      <dt>Key</dt><dd>{{keyID}}</dd>
      <dt>Tags</dt><dd>{{tags}}</dd>
      {{#metadata}}<dt>Metadata</dt><dd><pre>{{metadata}}</pre></dd>{{/metadata}}
    </dl>
    </div>
    {{#error}}<h2>Error</h2><div class="notice error" id="trace-error">{{error}}</div>{{/error}}
    <h2>Input</h2>
    <div id="trace-input">{{#input}}{{> message}}{{/input}}</div>
    <h2>Output</h2>
    <div id="trace-output">{{#output}}{{> message}}{{/output}}{{^output}}<p class="muted">No output.</p>{{/output}}</div>
    <h2>Scores</h2>
    {{#hasScores}}<table id="trace-scores">
      <thead><tr><th>Name</th><th>Value</th><th>Source</th><th>By</th><th>Comment</th><th>When</th></tr></thead>
      <tbody>{{#scores}}<tr class="score-row"><td>{{name}}</td><td>{{value}}</td><td>{{source}}</td><td>{{author}}</td><td>{{comment}}</td><td>{{time}}</td></tr>{{/scores}}</tbody>
    </table>{{/hasScores}}
    {{^hasScores}}<p class="muted" id="no-scores">No feedback or reviews yet.</p>{{/hasScores}}
    {{#queueControl}}{{> add-to-queue}}{{/queueControl}}
    <h2>Generations</h2>
    <table id="generations">
      <thead><tr><th>Model</th><th>Resolved</th><th>Provider</th><th>Status</th><th>Finish</th><th class="num">Latency</th><th class="num">TTFT</th><th class="num">Tokens</th><th class="num">Cost</th></tr></thead>
      <tbody>{{#generations}}<tr><td>{{model}}</td><td>{{resolvedModel}}</td><td>{{provider}}</td><td><span class="pill {{status}}">{{status}}</span></td><td>{{finishReason}}</td><td class="num">{{latency}}</td><td class="num">{{ttft}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td></tr>{{#error}}<tr class="attempt-error"><td colspan="9" class="muted">{{error}}</td></tr>{{/error}}{{/generations}}</tbody>
    </table>
    <details><summary>Raw JSON</summary><pre id="raw-json">{{raw}}</pre></details>
    """#

    /// One chat message (or other input/output item) on the trace page.
    static let message = #"""
    <div class="message"><div class="role">{{role}}</div>{{#text}}<pre class="content">{{text}}</pre>{{/text}}{{#extra}}<pre class="extra">{{extra}}</pre>{{/extra}}</div>
    """#
}
