extension ConsoleTemplates {
    /// `GET /prompts`.
    static let prompts = #"""
    <h1>Prompts</h1>
    {{#hasRows}}
    <table id="prompts">
      <thead><tr><th>Name</th><th class="num">Latest</th><th>Labels</th><th>Created</th></tr></thead>
      <tbody>{{#rows}}<tr class="prompt-row"><td><a class="prompt-link" href="{{href}}">{{name}}</a></td><td class="num">v{{latest}}</td><td>{{labels}}</td><td>{{created}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No prompts yet. Push one with <code>llmops prompt push FILE.yaml</code>.</p>{{/hasRows}}
    """#

    /// `GET /prompts/{name}`.
    static let prompt = #"""
    <p><a href="/prompts">← Prompts</a></p>
    <h1>Prompt <code>{{name}}</code></h1>
    {{#canDiff}}
    <form class="filters" id="diff-form" method="get" action="{{base}}/diff">
      <label>From<select name="from" id="diff-from">{{#fromOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/fromOptions}}</select></label>
      <label>To<select name="to" id="diff-to">{{#toOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/toOptions}}</select></label>
      <button class="primary" type="submit" id="diff-button">Compare versions</button>
      <a href="{{base}}/playground">Open the playground</a>
    </form>
    {{/canDiff}}
    {{^canDiff}}<p><a href="{{base}}/playground">Open the playground</a></p>{{/canDiff}}
    <h2>Versions</h2>
    <table id="versions">
      <thead><tr><th class="num">Version</th><th>Type</th><th>Model</th><th>Labels</th><th>Author</th><th>Message</th><th>Created</th><th></th></tr></thead>
      <tbody>{{#versions}}<tr class="version-row{{#shown}} shown{{/shown}}"><td class="num"><a href="{{href}}">v{{number}}</a></td><td>{{kind}}</td><td>{{model}}</td><td>{{labels}}</td><td>{{author}}</td><td>{{message}}</td><td>{{time}}</td><td><a href="{{playHref}}">Run</a></td></tr>
      {{/versions}}</tbody>
    </table>
    <h2>Labels</h2>
    {{#hasLabels}}<table id="labels"><thead><tr><th>Label</th><th class="num">Version</th><th>Moved</th></tr></thead>
      <tbody>{{#labels}}<tr><td>{{label}}</td><td class="num">v{{version}}</td><td>{{updated}}</td></tr>{{/labels}}</tbody></table>{{/hasLabels}}
    {{^hasLabels}}<p class="muted">No labels.</p>{{/hasLabels}}
    <h2>Label history</h2>
    {{#hasMoves}}<table id="label-history"><thead><tr><th>Label</th><th>From</th><th>To</th><th>By</th><th>When</th></tr></thead>
      <tbody>{{#moves}}<tr><td>{{label}}</td><td>{{from}}</td><td>v{{to}}{{#rollback}} <span class="pill warn">rollback</span>{{/rollback}}</td><td>{{actor}}</td><td>{{time}}</td></tr>{{/moves}}</tbody></table>{{/hasMoves}}
    {{^hasMoves}}<p class="muted">No label has been moved.</p>{{/hasMoves}}
    <h2>Version {{shownNumber}}</h2>
    <p class="muted" id="prompt-variables">Variables: {{variables}}</p>
    <div id="prompt-body">{{#shown}}{{#messages}}{{> message}}{{/messages}}{{#config}}<details open><summary>Config</summary><pre>{{config}}</pre></details>{{/config}}{{/shown}}</div>
    """#

    /// `GET /prompts/{name}/diff?from=A&to=B`.
    static let promptDiff = #"""
    <p><a href="{{base}}">← {{name}}</a></p>
    <h1>{{fromLabel}} → {{toLabel}}</h1>
    {{#identical}}<div class="notice">The two versions are the same.</div>{{/identical}}
    <p class="muted" id="diff-stats">{{added}} lines added, {{removed}} removed</p>
    <div class="diff" id="diff">{{#lines}}<div class="{{kind}}">{{sign}} {{text}}</div>{{/lines}}</div>
    {{#hasConfigChanges}}
    <h2>Config</h2>
    <table id="config-changes"><thead><tr><th>Key</th><th>{{fromLabel}}</th><th>{{toLabel}}</th></tr></thead>
      <tbody>{{#configChanges}}<tr><td>{{key}}</td><td class="removed">{{old}}</td><td class="added">{{new}}</td></tr>{{/configChanges}}</tbody></table>
    {{/hasConfigChanges}}
    <details><summary>Unified diff</summary><pre id="unified">{{unified}}</pre></details>
    """#

    /// `GET/POST /prompts/{name}/playground`.
    static let playground = #"""
    <p><a href="{{base}}">← {{name}}</a></p>
    <h1>Playground · <code>{{name}}</code></h1>
    <div class="grid2">
    <div>
    <form class="stack card" id="playground" method="post" action="{{base}}/playground">
      <label>Version<select name="version" id="pg-version">{{#versionOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/versionOptions}}</select>
        <span class="hint">Changing the version? <a href="{{base}}/playground">Reload</a> with <code>?version=N</code> to see its variables.</span></label>
      <label>Model<select name="model" id="pg-model"><option value="">(the version's own)</option>{{#modelOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/modelOptions}}</select></label>
      {{#variables}}<label>{{name}}<textarea name="{{field}}" id="pg-var-{{name}}">{{value}}</textarea></label>{{/variables}}
      {{^hasVariables}}<p class="muted">This version has no variables.</p>{{/hasVariables}}
      <div class="actions">{{#canRun}}<button class="primary" type="submit" id="pg-run">Run</button>{{/canRun}}{{^canRun}}<span class="muted">A viewer key cannot call models; sign in with a developer key to run.</span>{{/canRun}}</div>
    </form>
    {{#error}}<div class="notice error" role="alert" id="pg-error">{{error}}{{#errorField}} <span class="muted">(field {{errorField}})</span>{{/errorField}}</div>{{/error}}
    {{#result}}
    <div class="card answer" id="pg-result">
      <dl class="meta"><dt>Model</dt><dd>{{model}}</dd><dt>Latency</dt><dd>{{latency}}</dd><dt>Tokens</dt><dd>{{tokens}}</dd><dt>Cost</dt><dd>{{cost}}</dd>
        <dt>Trace</dt><dd>{{#traceHref}}<a id="pg-trace" href="{{traceHref}}">{{traceID}}</a>{{/traceHref}}{{^traceHref}}—{{/traceHref}}</dd></dl>
      <h2>Answer</h2><pre class="content" id="pg-answer">{{answer}}</pre>
    </div>
    {{/result}}
    </div>
    <div><h2>Version {{shownNumber}}</h2>{{#body}}{{#messages}}{{> message}}{{/messages}}{{#config}}<pre>{{config}}</pre>{{/config}}{{/body}}</div>
    </div>
    """#

    /// Any console error: what went wrong and the field at fault.
    static let problem = #"""
    <h1>{{heading}}</h1>
    <div class="notice error" role="alert" id="problem">{{message}}</div>
    {{#field}}<p class="muted">Field: <code>{{field}}</code></p>{{/field}}
    <p><a href="/">← Dashboard</a></p>
    """#
}
