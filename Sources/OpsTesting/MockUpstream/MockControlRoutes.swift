import Hummingbird
import OpsCore

/// `POST /mock/rules`: scripts the mock from another process (the Python tests, the benchmarks):
/// `{"rules": [{"contains": TEXT, "reply": TEXT} | {"contains": TEXT, "status": CODE, "message"?: TEXT}, …]}`,
/// each optionally with `"delay_ms"`. Replaces the rules; an empty list clears them.
struct MockControlRoutes {
    let state: MockUpstreamState

    func register(on router: Router<BasicRequestContext>) {
        router.post("mock/rules") { request, _ in try await setRules(request) }
    }

    private func setRules(_ request: Request) async throws -> Response {
        let body = try await MockResponses.readJSON(request)
        guard let list = body["rules"]?.arrayValue else {
            return MockResponses.error(code: 400, message: "rules is required: a list of {contains, reply | status}", retryAfter: nil)
        }
        var rules: [(contains: String, behavior: MockBehavior)] = []
        for (i, rule) in list.enumerated() {
            guard let needle = rule["contains"]?.stringValue else {
                return MockResponses.error(code: 400, message: "rules[\(i)].contains must be a string", retryAfter: nil)
            }
            var behavior: MockBehavior
            if let reply = rule["reply"]?.stringValue {
                behavior = .reply(reply)
            } else if let status = rule["status"]?.intValue {
                behavior = .status(status, message: rule["message"]?.stringValue ?? "scripted error")
            } else {
                return MockResponses.error(code: 400, message: "rules[\(i)] needs reply (a string) or status (a number)", retryAfter: nil)
            }
            if let delay = rule["delay_ms"]?.intValue { behavior = .delay(ms: delay, then: behavior) }
            rules.append((needle, behavior))
        }
        state.setRules(rules)
        return MockResponses.json(["rules": .int(Int64(rules.count))])
    }
}
