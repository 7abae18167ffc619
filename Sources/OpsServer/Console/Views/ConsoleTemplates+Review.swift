extension ConsoleTemplates {
    /// `GET /review`.
    static let reviewQueues = #"""
    <h1>Review</h1>
    {{#hasRows}}
    <table id="queues">
      <thead><tr><th>Queue</th><th>Over</th><th>Scores</th><th>Progress</th><th class="num">Done</th><th class="num">In review</th><th class="num">Waiting</th><th>Created</th></tr></thead>
      <tbody>{{#rows}}<tr class="queue-row"><td><a class="queue-link" href="{{href}}">{{name}}</a></td><td>{{kind}}</td><td>{{definitions}}</td><td><div class="bar"><span style="width:{{percent}}%"></span></div></td><td class="num">{{completed}} + {{skipped}} skipped / {{total}}</td><td class="num">{{leased}}</td><td class="num">{{pending}}</td><td>{{created}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No annotation queues yet. Create one with <code>POST /api/queues</code> (see the README).</p>{{/hasRows}}
    """#

    /// `GET /review/{id}`: the reviewer's page.
    static let review = #"""
    <p><a href="/review">← Review</a></p>
    <h1>{{queueName}}</h1>
    {{#description}}<p class="muted">{{description}}</p>{{/description}}
    <div class="card"><div class="bar"><span style="width:{{percent}}%"></span></div><p class="muted" id="queue-progress">{{progress}}</p></div>
    {{#notice}}<div class="notice" id="review-notice">{{notice}}</div>{{/notice}}
    {{#error}}<div class="notice error" role="alert" id="review-error">{{error}}</div>{{/error}}
    {{#hasItem}}
    <h2>Item {{position}} <span class="muted">· {{targetLabel}} · yours until {{leaseUntil}}</span></h2>
    {{#traceHref}}<p><a href="{{traceHref}}" id="review-trace">Open the trace</a></p>{{/traceHref}}
    <div class="grid2">
    <div>
      <h2>Input</h2><div id="review-input">{{#input}}{{> message}}{{/input}}</div>
      <h2>Output</h2><div id="review-output">{{#output}}{{> message}}{{/output}}{{^output}}<p class="muted">No output.</p>{{/output}}</div>
      {{#expected}}<h2>Expected</h2><pre class="card" id="review-expected">{{expected}}</pre>{{/expected}}
      {{#metricScores}}<p class="muted">Metric scores: {{metricScores}}</p>{{/metricScores}}
      {{#hasScores}}<h2>Scores so far</h2><table><thead><tr><th>Name</th><th>Value</th><th>Source</th><th>Comment</th></tr></thead><tbody>{{#scores}}<tr><td>{{name}}</td><td>{{value}}</td><td>{{source}}</td><td>{{comment}}</td></tr>{{/scores}}</tbody></table>{{/hasScores}}
    </div>
    <div>
    <form class="stack card" id="review-form" method="post" action="/review/{{queueID}}/items/{{position}}/complete">
      {{#fields}}
      <label{{#invalid}} class="invalid"{{/invalid}}>{{name}}{{#description}} <span class="hint">{{description}}</span>{{/description}}
        {{#isNumeric}}<input type="number" step="any" min="{{min}}" max="{{max}}" name="{{field}}" id="{{field}}" value="{{value}}" required> <span class="hint">{{min}} to {{max}}</span>{{/isNumeric}}
        {{#isCategorical}}<select name="{{field}}" id="{{field}}" required><option value="">choose…</option>{{#choices}}<option value="{{value}}"{{#checked}} selected{{/checked}}>{{label}}</option>{{/choices}}</select>{{/isCategorical}}
        {{#isBoolean}}<span>{{#choices}}<input type="radio" name="{{field}}" id="{{id}}" value="{{value}}"{{#checked}} checked{{/checked}} required> {{label}} {{/choices}}</span>{{/isBoolean}}
      </label>
      {{/fields}}
      <label>Comment<textarea name="comment" id="review-comment">{{comment}}</textarea></label>
      <div class="actions"><button class="primary" type="submit" id="review-save">Save and next</button>
        <button class="secondary" type="submit" formaction="/review/{{queueID}}/items/{{position}}/skip" formnovalidate id="review-skip">Skip</button></div>
    </form>
    </div>
    </div>
    {{/hasItem}}
    {{^hasItem}}
    {{#finished}}<div class="notice" id="queue-finished">Every item of this queue has been reviewed.</div>{{/finished}}
    {{^finished}}
    {{#canReview}}<form method="post" action="/review/{{queueID}}/next"><button class="primary" type="submit" id="review-next">Take the next item</button></form>{{/canReview}}
    {{^canReview}}<p class="muted">A viewer key can follow progress; reviewing needs a developer key.</p>{{/canReview}}
    {{/finished}}
    {{/hasItem}}
    """#
}
