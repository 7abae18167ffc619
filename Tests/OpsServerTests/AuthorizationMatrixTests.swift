import Hummingbird
import NIOHTTP1
@testable import OpsServer
import OpsCore
import XCTest

/// Every route of the catalog × {no key, viewer, developer, another project's admin, admin}:
/// 401 without a key, 403 below the route's role, neither at or above it; another project's admin
/// gets 404 for alpha's objects and never a byte of alpha's data. The route list is the router's
/// own, so a new route without an entry in `probes` fails here.
final class AuthorizationMatrixTests: XCTestCase {
    /// How a route is called, and what another project's admin must get from it.
    struct Probe {
        enum Other { case notFound, allowed }
        var other: Other = .allowed
        var body: (AlphaFixtures) -> JSONValue? = { _ in nil }
        /// A raw body with its content type, instead of JSON.
        var raw: (body: String, type: String)? = nil
        var query: (AlphaFixtures) -> String = { _ in "" }
        /// Replaces the path filled from alpha's objects (for routes that create what they name).
        var path: String? = nil
        /// Alpha's admin calling it deletes alpha's trace (beta's call must not).
        var erasesAlpha = false
    }

    static let probes: [String: Probe] = [
        "GET /health": Probe(), "GET /ready": Probe(), "GET /metrics": Probe(), "GET /api/openapi.json": Probe(),
        "POST /v1/chat/completions": Probe(body: { _ in GatewayHarness.chat("matrix call") }),
        "POST /v1/embeddings": Probe(body: { _ in ["model": "mock-model", "input": "matrix"] }),
        "GET /v1/models": Probe(), "GET /v1/models/**": Probe(),
        "GET /api/traces": Probe(), "GET /api/traces/:id": Probe(other: .notFound),
        "GET /api/keys": Probe(), "POST /api/keys": Probe(body: { _ in ["role": "viewer", "name": "matrix-made"] }),
        "DELETE /api/keys/:id": Probe(other: .notFound), "POST /api/keys/:id/rotate": Probe(other: .notFound, body: { _ in [:] }),
        "GET /api/routes": Probe(), "PUT /api/routes": Probe(body: { _ in ["routes": []] }),
        "GET /api/routes/history": Probe(), "POST /api/routes/rollback": Probe(body: { _ in ["version": 0] }),
        "GET /api/audit": Probe(),
        "GET /api/users/:user/export": Probe(), "DELETE /api/users/:user": Probe(erasesAlpha: true),
        "GET /api/prompts": Probe(),
        "POST /api/prompts": Probe(body: { _ in ["name": "matrix-made", "text": "hello"] }),
        "GET /api/prompts/:name": Probe(other: .notFound), "GET /api/prompts/:name/versions": Probe(other: .notFound),
        "GET /api/prompts/:name/diff": Probe(other: .notFound, query: { _ in "?from=1&to=1" }),
        "GET /api/prompts/:name/labels": Probe(other: .notFound), "GET /api/prompts/:name/labels/history": Probe(other: .notFound),
        "PUT /api/prompts/:name/labels/:label": Probe(other: .notFound, body: { _ in ["version": 1] }),
        "GET /api/datasets": Probe(),
        "POST /api/datasets/:name": Probe(raw: ("{\"input\": \"x\"}\n", "application/jsonl"), path: "/api/datasets/matrix-made"),
        "GET /api/datasets/:name": Probe(other: .notFound), "GET /api/datasets/:name/versions": Probe(other: .notFound),
        "GET /api/datasets/:name/export": Probe(other: .notFound),
        "POST /api/datasets/:name/traces": Probe(other: .notFound, body: { ["trace_ids": [.string($0.trace)]] }),
        "GET /api/experiments": Probe(),
        "POST /api/experiments": Probe(body: { AlphaFixtures.plan(dataset: $0.dataset, prompt: $0.prompt) }),
        "GET /api/experiments/:id": Probe(other: .notFound),
        "POST /api/experiments/:id/items": Probe(other: .notFound, body: { _ in ["items": [["item": 0, "output": "a"]]] }),
        "POST /api/experiments/:id/finish": Probe(other: .notFound, body: { _ in ["summary": ["passed": true]] }),
        "GET /api/experiments/compare": Probe(other: .notFound, query: { "?a=\($0.run)&b=\($0.run)" }),
        "GET /api/scores": Probe(),
        "POST /api/scores": Probe(other: .notFound, body: { ["trace_id": .string($0.trace), "name": .string($0.definition), "value": true] }),
        "GET /api/score-definitions": Probe(),
        "POST /api/score-definitions": Probe(body: { _ in ["name": "matrix-made", "kind": "boolean"] }),
        "GET /api/queues": Probe(),
        "POST /api/queues": Probe(body: { ["name": "matrix-made", "score_definitions": [.string($0.definition)],
                                           "trace_ids": [.string($0.trace)]] }),
        "GET /api/queues/:id": Probe(other: .notFound),
        "POST /api/queues/:id/items": Probe(other: .notFound, body: { ["trace_ids": [.string($0.trace)]] }),
        "POST /api/queues/:id/next": Probe(other: .notFound, body: { _ in [:] }),
        "GET /api/queues/:id/items/:item": Probe(other: .notFound),
        "POST /api/queues/:id/items/:item/complete": Probe(other: .notFound, body: { ["scores": [$0.definition: true]] }),
        "POST /api/queues/:id/items/:item/skip": Probe(other: .notFound, body: { _ in [:] }),
    ]

    func testTheCatalogIsEveryRouteOfTheRouter() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let router = Router(context: OpsRequestContext.self)
        let catalog = Routes.register(on: router, services: gw.server.services)
        let console = Router(context: OpsRequestContext.self)
        ConsoleRoutes.register(on: console, services: gw.server.services)
        let registered = Set(router.routes.map { "\($0.method) \($0.path)" })
        let described = Set(catalog.routes.map { "\($0.method) \(RouterPath($0.path))" })
            .union(console.routes.map { "\($0.method) \($0.path)" })
        XCTAssertEqual(registered.subtracting(described), [], "routes registered outside the catalog")
        XCTAssertEqual(described.subtracting(registered), [], "catalog entries the router lacks")
    }

    func testEveryRouteAnswersEachRoleAsItsAccessSays() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let alpha = try await AlphaFixtures.make(gw)
        let catalog = Routes.register(on: Router(context: OpsRequestContext.self), services: gw.server.services)
        XCTAssertGreaterThan(catalog.routes.count, 40)
        var alphaErased = false
        for route in catalog.routes {
            let name = "\(route.method) \(route.path)"
            guard let probe = Self.probes[name] else {
                XCTFail("\(name) has no entry in AuthorizationMatrixTests.probes: say how to call it and what another project gets")
                continue
            }
            let path = (probe.path ?? alpha.path(of: route)) + probe.query(alpha)
            let body = probe.body(alpha)
            func call(_ key: String?) async throws -> GatewayHarness.Reply {
                let method = HTTPMethod(rawValue: route.method.rawValue)
                if let raw = probe.raw { return try await gw.sendRaw(method, path, key: key, body: raw.body, contentType: raw.type) }
                return try await gw.send(method, path, key: key, body: body?.serialized())
            }
            let required = route.access.role
            let anonymous = try await call(nil)
            if required == nil {
                XCTAssertLessThan(anonymous.status, 400, "\(name) is open: \(anonymous.text)")
            } else {
                XCTAssertEqual(anonymous.status, 401, "\(name) without a key: \(anonymous.text)")
                XCTAssertNotNil(anonymous.json["error"]?["message"]?.stringValue, name)
            }
            for (role, key) in [(Role.viewer, gw.viewer), (.developer, gw.developer)] {
                let reply = try await call(key)
                if let required, !role.allows(required) {
                    XCTAssertEqual(reply.status, 403, "\(name) as \(role): \(reply.text)")
                    XCTAssertEqual(reply.json["error"]?["code"]?.stringValue, "insufficient_role", name)
                } else {
                    XCTAssertFalse([401, 403].contains(reply.status), "\(name) as \(role): \(reply.status) \(reply.text)")
                }
            }
            let other = try await call(gw.otherProject)
            XCTAssertFalse([401, 403].contains(other.status), "\(name) as beta's admin: \(other.status) \(other.text)")
            if probe.other == .notFound {
                XCTAssertEqual(other.status, 404, "\(name) as beta's admin must not find alpha's object: \(other.text)")
            }
            let request = path + String(decoding: body?.serialized() ?? [], as: UTF8.self)
            for marker in alpha.markers where !request.contains(marker) {
                XCTAssertFalse(other.text.contains(marker), "\(name) showed beta's admin alpha's \(marker): \(other.text)")
            }
            if !alphaErased {
                let intact = try await gw.get("/api/traces/\(alpha.trace)", key: gw.viewer)
                XCTAssertEqual(intact.status, 200, "\(name) as beta's admin changed alpha's trace: \(intact.text)")
            }
            let admin = try await call(gw.admin)
            if probe.erasesAlpha { alphaErased = true }
            XCTAssertFalse([401, 403].contains(admin.status), "\(name) as admin: \(admin.status) \(admin.text)")
        }
    }
}
