extension ConsoleTemplates {
    /// `GET /review`: queues, score definitions and, for developer keys, the forms that create them.
    static let reviewQueues = #"""
    <h1>Review</h1>
    {{#notice}}<div class="notice" id="review-notice">{{notice}}</div>{{/notice}}
    {{#hasRows}}
    <table id="queues">
      <thead><tr><th>Queue</th><th>Over</th><th>Scores</th><th>Progress</th><th class="num">Done</th><th class="num">In review</th><th class="num">Waiting</th><th>Created</th></tr></thead>
      <tbody>{{#rows}}<tr class="queue-row"><td><a class="queue-link" href="{{href}}">{{name}}</a></td><td>{{kind}}</td><td>{{definitions}}</td><td><div class="bar"><span style="width:{{percent}}%"></span></div></td><td class="num">{{completed}} + {{skipped}} skipped / {{total}}</td><td class="num">{{leased}}</td><td class="num">{{pending}}</td><td>{{created}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted" id="no-queues">No annotation queues yet.{{^canEdit}} A developer key can create one here or with <code>POST /api/queues</code>.{{/canEdit}}</p>{{/hasRows}}
    <h2>Score definitions</h2>
    {{#hasDefinitions}}
    <table id="score-definitions">
      <thead><tr><th>Name</th><th>Kind</th><th>Allows</th><th>Description</th></tr></thead>
      <tbody>{{#definitionRows}}<tr class="definition-row"><td>{{name}}</td><td>{{kind}}</td><td>{{allows}}</td><td>{{description}}</td></tr>{{/definitionRows}}</tbody>
    </table>
    {{/hasDefinitions}}
    {{^hasDefinitions}}<p class="muted" id="no-definitions">No score definitions yet.</p>{{/hasDefinitions}}
    {{#canEdit}}
    <div class="grid2" id="review-forms">
    {{#definitionForm}}
    <form class="stack card" id="definition-form" method="post" action="/review/score-definitions">
      <h2>New score definition</h2>
      {{#error}}<div class="notice error" role="alert" id="definition-error">{{error}}</div>{{/error}}
      <label{{#invalidName}} class="invalid"{{/invalidName}}>Name<input name="name" id="def-name" value="{{name}}" required maxlength="200"{{#invalidName}} aria-invalid="true"{{/invalidName}}></label>
      <fieldset{{#invalidKind}} class="invalid"{{/invalidKind}}><legend>Kind</legend>
        <label class="inline"><input type="radio" name="kind" id="def-kind-numeric" value="numeric"{{#isNumeric}} checked{{/isNumeric}}> numeric, from min to max</label>
        <label class="inline"><input type="radio" name="kind" id="def-kind-categorical" value="categorical"{{#isCategorical}} checked{{/isCategorical}}> categorical, one of the categories</label>
        <label class="inline"><input type="radio" name="kind" id="def-kind-boolean" value="boolean"{{#isBoolean}} checked{{/isBoolean}}> boolean, yes or no</label>
      </fieldset>
      <div class="actions">
        <label{{#invalidMin}} class="invalid"{{/invalidMin}}>Min <span class="hint">numeric</span><input name="min" id="def-min" inputmode="decimal" value="{{min}}"{{#invalidMin}} aria-invalid="true"{{/invalidMin}}></label>
        <label{{#invalidMax}} class="invalid"{{/invalidMax}}>Max <span class="hint">numeric</span><input name="max" id="def-max" inputmode="decimal" value="{{max}}"{{#invalidMax}} aria-invalid="true"{{/invalidMax}}></label>
      </div>
      <label{{#invalidCategories}} class="invalid"{{/invalidCategories}}>Categories <span class="hint">categorical; one per line</span><textarea name="categories" id="def-categories"{{#invalidCategories}} aria-invalid="true"{{/invalidCategories}}>{{categories}}</textarea></label>
      <label{{#invalidDescription}} class="invalid"{{/invalidDescription}}>Description <span class="hint">what reviewers should judge</span><textarea name="description" id="def-description"{{#invalidDescription}} aria-invalid="true"{{/invalidDescription}}>{{description}}</textarea></label>
      <div class="actions"><button class="primary" type="submit" id="def-create">Create definition</button></div>
    </form>
    {{/definitionForm}}
    {{#queueForm}}
    <form class="stack card" id="queue-form" method="post" action="/review/queues">
      <h2>New queue</h2>
      {{#error}}<div class="notice error" role="alert" id="queue-error">{{error}}</div>{{/error}}
      <label{{#invalidName}} class="invalid"{{/invalidName}}>Name<input name="name" id="queue-name" value="{{name}}" required maxlength="200"{{#invalidName}} aria-invalid="true"{{/invalidName}}></label>
      <label{{#invalidDescription}} class="invalid"{{/invalidDescription}}>Description<textarea name="description" id="queue-description">{{description}}</textarea></label>
      <fieldset id="queue-definitions"{{#invalidDefinitions}} class="invalid" aria-invalid="true"{{/invalidDefinitions}}><legend>Scores reviewers fill in</legend>
        {{#definitions}}<label class="inline"><input type="checkbox" name="score_definitions" id="{{id}}" value="{{name}}"{{#checked}} checked{{/checked}}> {{name}} <span class="hint">{{summary}}</span></label>{{/definitions}}
        {{^hasDefinitions}}<p class="muted">Create a score definition first.</p>{{/hasDefinitions}}
      </fieldset>
      <fieldset id="queue-source"><legend>Items</legend>
        <label class="inline{{#invalidFilter}} invalid{{/invalidFilter}}"><input type="radio" name="source" id="queue-source-filter" value="trace_filter"{{#fromFilter}} checked{{/fromFilter}}> traces matching these filters (blank: every trace), oldest first</label>
        <div class="filters">
          {{#filterFields}}<label{{#invalid}} class="invalid"{{/invalid}}>{{label}}<input name="{{field}}" id="{{id}}" value="{{value}}" placeholder="{{placeholder}}"{{#invalid}} aria-invalid="true"{{/invalid}}></label>{{/filterFields}}
          <label{{#invalidStatus}} class="invalid"{{/invalidStatus}}>Status<select name="trace_filter.status" id="queue-filter-status"><option value="">any</option>{{#statusOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statusOptions}}</select></label>
        </div>
        <label class="inline"><input type="radio" name="source" id="queue-source-ids" value="trace_ids"{{#fromTraceIDs}} checked{{/fromTraceIDs}}> these traces</label>
        <label{{#invalidTraceIDs}} class="invalid"{{/invalidTraceIDs}}><span class="hint">trace ids, separated by spaces, commas or lines</span><textarea name="trace_ids" id="queue-trace-ids"{{#invalidTraceIDs}} aria-invalid="true"{{/invalidTraceIDs}}>{{traceIDs}}</textarea></label>
        <label class="inline"><input type="radio" name="source" id="queue-source-run" value="run_id"{{#fromRun}} checked{{/fromRun}}> the items of an experiment run</label>
        <label{{#invalidRun}} class="invalid"{{/invalidRun}}><select name="run_id" id="queue-run"{{#invalidRun}} aria-invalid="true"{{/invalidRun}}><option value="">choose a run…</option>{{#runs}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/runs}}</select></label>
      </fieldset>
      <label{{#invalidLease}} class="invalid"{{/invalidLease}}>Lease <span class="hint">seconds a reviewer holds an item (10 to 86400; blank: 900)</span><input name="lease_seconds" id="queue-lease" inputmode="numeric" value="{{leaseSeconds}}"{{#invalidLease}} aria-invalid="true"{{/invalidLease}}></label>
      <div class="actions"><button class="primary" type="submit" id="queue-create">Create queue</button></div>
    </form>
    {{/queueForm}}
    </div>
    {{/canEdit}}
    """#

    /// What an addition from the trace or experiment run page did, at the top of the page it returns to.
    static let queueNotice = #"""
    {{#notice}}<div class="notice" id="queue-notice">{{notice}} <a href="{{queueHref}}">Open the queue</a></div>{{/notice}}
    """#

    /// The "add to queue" control of the trace and experiment run pages.
    static let addToQueue = #"""
    {{#hasOptions}}<form class="filters" id="add-to-queue" method="post" action="{{action}}">
      <label>Queue<select name="queue" id="queue-choice">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></label>
      <button class="primary" type="submit" id="queue-add">Add {{what}}</button>
    </form>{{/hasOptions}}
    {{^hasOptions}}<p class="muted" id="no-queue-choice">No queue of {{kind}} yet; create one on the <a href="/review">Review</a> page.</p>{{/hasOptions}}
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
