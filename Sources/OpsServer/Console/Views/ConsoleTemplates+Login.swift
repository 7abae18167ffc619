extension ConsoleTemplates {
    /// `GET /login`: paste an API key.
    static let login = #"""
    <div class="card" style="max-width:420px;margin:48px auto">
      <h1>Sign in to the console</h1>
      {{#expired}}<div class="notice">Your session ended (it expired, you signed out, or the key is no longer valid). Sign in again.</div>{{/expired}}
      {{#error}}<div class="notice error" role="alert">{{error}}</div>{{/error}}
      <p class="muted">Paste an API key with the viewer role or higher. It is checked once; the browser keeps only a session cookie for this site, which signing out ends.</p>
      <form method="post" action="/login">
        <input type="hidden" name="next" value="{{next}}">
        <p><label for="api_key">API key</label><br>
        <input id="api_key" name="api_key" type="password" autocomplete="off" required style="width:100%" placeholder="llmops-…"></p>
        <button class="primary" type="submit">Sign in</button>
      </form>
    </div>
    """#
}
