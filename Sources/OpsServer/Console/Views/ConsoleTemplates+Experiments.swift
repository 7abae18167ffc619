extension ConsoleTemplates {
    /// `GET /experiments`.
    static let experiments = #"""
    <h1>Experiments</h1>
    {{#canCompare}}
    <form class="filters" id="compare-form" method="get" action="/experiments/compare">
      <label>Baseline<select name="baseline" id="compare-baseline">{{#baselineOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/baselineOptions}}</select></label>
      <label>Candidate<select name="candidate" id="compare-candidate">{{#candidateOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/candidateOptions}}</select></label>
      <button class="primary" type="submit" id="compare-button">Compare runs</button>
    </form>
    {{/canCompare}}
    {{#hasRows}}
    <table id="runs">
      <thead><tr><th>Run</th><th>Dataset</th><th>Target</th><th>Metrics</th><th>Status</th><th class="num">Items</th><th>Started</th></tr></thead>
      <tbody>{{#rows}}<tr class="run-row"><td><a class="run-link" href="{{href}}"><code>{{id}}</code></a></td><td>{{dataset}}</td><td>{{target}}</td><td>{{metrics}}</td><td><span class="pill {{pill}}">{{status}}</span></td><td class="num">{{items}}</td><td>{{time}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No runs yet. Start one with <code>llmops eval run --dataset NAME --prompt NAME@label --metric exact</code>.</p>{{/hasRows}}
    """#

    /// `GET /experiments/{id}`.
    static let experiment = #"""
    <p><a href="/experiments">← Experiments</a></p>
    <h1>Run <code>{{id}}</code> <span class="pill {{pill}}">{{status}}</span></h1>
    {{#queueControl}}{{> queue-notice}}{{/queueControl}}
    <div class="card"><dl class="meta">
      <dt>Dataset</dt><dd><a href="{{datasetHref}}">{{dataset}}</a></dd><dt>Target</dt><dd>{{target}}</dd>
      <dt>Items done</dt><dd>{{done}} ({{failed}} failed)</dd><dt>Mean latency</dt><dd>{{meanLatency}}</dd><dt>Cost</dt><dd>{{totalCost}}</dd>
      <dt>Started</dt><dd>{{created}} by {{author}}</dd></dl></div>
    {{#queueControl}}<h2>Review</h2>{{> add-to-queue}}{{/queueControl}}
    <h2>Metrics</h2>
    <div class="stats" id="run-figures">{{#figures}}<div class="card stat"><div class="label">{{metric}}</div><div class="value">{{mean}}</div><div class="sub">mean over {{scored}} items</div></div>{{/figures}}</div>
    <h2>Items</h2>
    {{#hasRows}}
    <table id="run-items">
      <thead><tr><th class="num">#</th><th>Input</th><th>Expected</th><th>Output</th>{{#metrics}}<th class="num">{{.}}</th>{{/metrics}}<th class="num">Latency</th><th class="num">Tokens</th><th class="num">Cost</th><th>Review</th></tr></thead>
      <tbody>{{#rows}}<tr class="item-row"><td class="num">{{#traceHref}}<a href="{{traceHref}}">{{index}}</a>{{/traceHref}}{{^traceHref}}{{index}}{{/traceHref}}</td><td><pre>{{input}}</pre></td><td><pre>{{expected}}</pre></td><td><pre>{{output}}</pre>{{#error}}<div class="notice error">{{error}}</div>{{/error}}</td>{{#scores}}<td class="num">{{text}}</td>{{/scores}}<td class="num">{{latency}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td><td>{{reviews}}</td></tr>
      {{/rows}}</tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="muted">No item has finished yet.</p>{{/hasRows}}
    """#

    /// `GET /experiments/compare?baseline=A&candidate=B`.
    static let experimentCompare = #"""
    <p><a href="/experiments">← Experiments</a></p>
    <h1>Comparison on {{dataset}}</h1>
    <div class="card"><dl class="meta">
      <dt>Baseline</dt><dd><a href="/experiments/{{baselineID}}"><code>{{baselineID}}</code></a> · {{baselineTarget}}</dd>
      <dt>Candidate</dt><dd><a href="/experiments/{{candidateID}}"><code>{{candidateID}}</code></a> · {{candidateTarget}}</dd></dl></div>
    {{#skipped}}<div class="notice">{{skipped}}</div>{{/skipped}}
    <h2>Metrics</h2>
    {{#hasMetrics}}
    <table id="comparison">
      <thead><tr><th>Metric</th><th class="num">Pairs</th><th class="num">Baseline</th><th class="num">Candidate</th><th class="num">Difference</th><th>95% bootstrap interval</th><th class="num">Win / tie / loss</th><th class="num">p (Wilcoxon)</th><th class="num">p (sign)</th></tr></thead>
      <tbody>{{#metrics}}<tr class="metric-row" data-metric="{{metric}}"><td>{{metric}}</td><td class="num">{{pairs}}</td><td class="num">{{baseline}}</td><td class="num">{{candidate}}</td><td class="num {{verdict}}">{{difference}}</td><td>{{{chart}}}<span class="muted">{{interval}}</span></td><td class="num">{{wins}} / {{ties}} / {{losses}}</td><td class="num">{{wilcoxon}}</td><td class="num">{{signTest}}</td></tr>
      {{/metrics}}</tbody>
    </table>
    <p class="muted">Difference = candidate − baseline, over the items both runs scored; the interval is a percentile bootstrap of the mean difference (10,000 resamples). Green: the whole interval is above zero; red: below.</p>
    {{/hasMetrics}}
    {{^hasMetrics}}<p class="muted">The runs have no scored items in common.</p>{{/hasMetrics}}
    <h2>Regressed items</h2>
    {{#hasRegressions}}
    <table id="regressions">
      <thead><tr><th>Metric</th><th class="num">#</th><th class="num">Baseline</th><th class="num">Candidate</th><th class="num">Change</th><th>Input</th><th>Baseline output</th><th>Candidate output</th></tr></thead>
      <tbody>{{#regressions}}<tr class="regression-row"><td>{{metric}}</td><td class="num">{{item}}</td><td class="num">{{baseline}}</td><td class="num">{{candidate}}</td><td class="num worse">{{difference}}</td><td><pre>{{input}}</pre></td><td><pre>{{baselineOutput}}</pre></td><td><pre>{{candidateOutput}}</pre></td></tr>
      {{/regressions}}</tbody>
    </table>
    {{/hasRegressions}}
    {{^hasRegressions}}<p class="muted" id="no-regressions">No item scored lower in the candidate.</p>{{/hasRegressions}}
    """#
}
