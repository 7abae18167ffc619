extension ConsoleTemplates {
    /// `GET /routes`: the live routes, each deployment's circuit breaker, and the change history.
    static let routes = #"""
    <h1>Routes</h1>
    <p class="muted">Routes version {{version}}. Change them with <code>llmops routes apply FILE</code> or <code>PUT /api/routes</code>; every replica follows within seconds.</p>
    {{#hasRoutes}}
    <table id="routes">
      <thead><tr><th>Route</th><th>Deployments (weight)</th><th>Fallbacks</th><th>Sticky</th><th>Retries</th><th>Cache</th><th>Limits</th></tr></thead>
      <tbody>{{#routes}}<tr><td><strong>{{name}}</strong></td><td>{{deployments}}</td><td>{{fallbacks}}</td><td>{{sticky}}</td><td>{{retries}}</td><td>{{cache}}</td><td>{{limits}}</td></tr>{{/routes}}</tbody>
    </table>
    {{/hasRoutes}}
    {{^hasRoutes}}<p class="muted">No routes: clients call models by name.</p>{{/hasRoutes}}
    <h2>Deployments</h2>
    {{#hasCircuits}}
    <table id="circuits">
      <thead><tr><th>Deployment</th><th>Circuit</th><th class="num">Times opened</th></tr></thead>
      <tbody>{{#circuits}}<tr class="circuit"><td>{{deployment}}</td><td><span class="pill {{pill}}">{{state}}</span></td><td class="num">{{opened}}</td></tr>{{/circuits}}</tbody>
    </table>
    {{/hasCircuits}}
    {{^hasCircuits}}<p class="muted">No deployment has been called through a route yet.</p>{{/hasCircuits}}
    <h2>Changes</h2>
    {{#hasChanges}}
    <table id="route-changes">
      <thead><tr><th class="num">Version</th><th>Applied</th><th>By</th><th>Routes</th></tr></thead>
      <tbody>{{#changes}}<tr><td class="num">{{version}}</td><td>{{time}}</td><td>{{actor}}</td><td>{{names}}</td></tr>{{/changes}}</tbody>
    </table>
    {{/hasChanges}}
    {{^hasChanges}}<p class="muted">The routes are those of the configuration file; no change has been applied.</p>{{/hasChanges}}
    """#
}
