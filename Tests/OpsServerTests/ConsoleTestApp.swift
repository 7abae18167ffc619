import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import OpsCore
import OpsGateway
@testable import OpsServer
import OpsTelemetry
import OpsTesting

/// A console on an in-memory store with a fixed clock, an admin and a viewer key, and helpers
/// for signed-in requests.
struct ConsoleTestApp {
    struct FixedClock: WallClock {
        let date: Date
        func now() -> Date { date }
    }

    /// 2026-01-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_767_268_800)

    let store: InMemoryStore
    let services: GatewayServices
    let viewerSecret: String
    let viewerKey: APIKey
    /// The token of a console session of the viewer key, started at `now`.
    let sessionToken: String

    static func make() async throws -> ConsoleTestApp {
        let store = InMemoryStore()
        try await store.migrate()
        let clock = FixedClock(date: now)
        let issued = try await KeyIssuer(store: store, clock: clock).issue(project: "alpha", role: .viewer, name: "console")
        let services = GatewayServices(config: LLMOpsConfig(), store: store,
                                       recorder: TraceRecorder(store: store, durability: .strict), metrics: GatewayMetrics(),
                                       catalog: ModelCatalog(), authenticator: KeyAuthenticator(store: store, clock: clock, ttl: .zero),
                                       clock: clock)
        let token = try await ConsoleSessions(store: store, clock: clock, ttl: 3_600).start(for: issued.key)
        return ConsoleTestApp(store: store, services: services, viewerSecret: issued.secret, viewerKey: issued.key,
                              sessionToken: token)
    }

    var application: some ApplicationProtocol {
        let router = Router(context: OpsRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(logger: Logger(label: "test")))
        ConsoleRoutes.register(on: router, services: services)
        return Application(router: router)
    }

    /// The cookie header a signed-in browser sends.
    var sessionHeaders: HTTPFields {
        [.cookie: "\(ConsoleCookies.sessionName)=\(sessionToken)"]
    }

    /// A chat trace in project `alpha`, `minutesAgo` before `now`.
    func addTrace(id: String, minutesAgo: Double = 5, model: String = "mock-model", status: TraceStatus = .ok,
                  user: String? = "ada", session: String? = "s-1", tags: [String] = [], prompt: String = "Hello?",
                  answer: String? = "Hi there!", error: String? = nil, latencyMs: Double = 120, project: String = "alpha") async throws {
        let created = Self.now.addingTimeInterval(-minutesAgo * 60)
        let generation = Generation(traceID: id, model: model, resolvedModel: "mock", provider: "openai", finishReason: "stop",
                                    status: status, usage: Usage(promptTokens: 7, completionTokens: 3), costUSD: 0.0002,
                                    latencyMs: latencyMs, startedAt: created)
        let trace = Trace(id: id, project: project, keyID: "key_1", name: "chat.completions", model: model, provider: "openai",
                          status: status, httpStatus: status == .ok ? 200 : 502, user: user, sessionID: session, tags: tags,
                          input: [["role": "system", "content": "Be brief."], ["role": "user", "content": .string(prompt)]],
                          output: answer.map { ["role": "assistant", "content": .string($0)] }, error: error,
                          latencyMs: latencyMs, usage: Usage(promptTokens: 7, completionTokens: 3), costUSD: 0.0002,
                          createdAt: created, generations: [generation])
        try await store.insertTraces([trace])
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }
}
