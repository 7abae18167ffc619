extension ConsoleTemplates {
    /// `GET /datasets`.
    static let datasets = #"""
    <h1>Datasets</h1>
    {{#hasRows}}
    <table id="datasets">
      <thead><tr><th>Name</th><th class="num">Items</th><th>Newest version</th><th>Author</th><th>Message</th><th>Created</th></tr></thead>
      <tbody>{{#rows}}<tr class="dataset-row"><td><a class="dataset-link" href="{{href}}">{{name}}</a></td><td class="num">{{items}}</td><td><code>{{version}}</code></td><td>{{author}}</td><td>{{message}}</td><td>{{time}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No datasets yet. Import one with <code>llmops dataset import NAME FILE</code>.</p>{{/hasRows}}
    """#

    /// `GET /datasets/{name}`.
    static let dataset = #"""
    <p><a href="/datasets">← Datasets</a></p>
    <h1>Dataset <code>{{name}}</code></h1>
    <h2>Versions</h2>
    <table id="dataset-versions">
      <thead><tr><th>Version</th><th class="num">Items</th><th>Author</th><th>Message</th><th>Created</th></tr></thead>
      <tbody>{{#versions}}<tr class="version-row{{#shown}} shown{{/shown}}"><td><a href="{{href}}"><code>{{short}}</code></a>{{#shown}} <span class="pill ok">shown</span>{{/shown}}</td><td class="num">{{items}}</td><td>{{author}}</td><td>{{message}}</td><td>{{time}}</td></tr>
      {{/versions}}</tbody>
    </table>
    <h2>Items of <code id="shown-version">{{shownShort}}</code> ({{itemCount}})</h2>
    {{#truncated}}<div class="notice">The first 500 items are shown; <code>llmops dataset export {{name}}@{{shownShort}}</code> writes them all.</div>{{/truncated}}
    {{#hasItems}}
    <table id="items">
      <thead><tr><th class="num">#</th><th>Input</th><th>Expected output</th><th>Metadata</th></tr></thead>
      <tbody>{{#items}}<tr class="item-row"><td class="num">{{index}}</td><td><pre>{{input}}</pre></td><td><pre>{{expected}}</pre></td><td><pre>{{metadata}}</pre></td></tr>
      {{/items}}</tbody>
    </table>
    {{/hasItems}}
    {{^hasItems}}<p class="muted">This version has no items.</p>{{/hasItems}}
    """#
}
