import Foundation
import Hummingbird
import NIOHTTP1
@testable import OpsServer
import OpsCore
import XCTest

/// Every route of the catalog gets `RouteFuzzValues` in each documented query parameter (and the
/// ones controllers commonly read), each path parameter and each JSON field of a valid body (three
/// levels deep), with an admin key: every answer is below 500 (a gateway call may honestly answer
/// 502/503/504), an error is the OpenAI error body, and the server still answers afterwards.
final class RouteFuzzTests: XCTestCase {
    /// Fields beyond the matrix's bodies, so that nested numbers get fuzzed too.
    static func extraFields(_ alpha: AlphaFixtures) -> [String: JSONObject] {
        let filter: JSONValue = ["from": "2026-01-01", "to": "2027-01-01", "status": "ok", "model": "mock-model"]
        return [
            "POST /v1/chat/completions": ["max_tokens": 16, "max_completion_tokens": 16, "temperature": 0.5, "top_p": 1, "n": 1,
                                          "seed": 1, "presence_penalty": 0, "frequency_penalty": 0, "logit_bias": ["1": 1],
                                          "stream": false, "user": "fuzz", "metadata": ["tags": ["a"], "session_id": "s"],
                                          "prompt": ["name": .string(alpha.prompt), "version": 1, "variables": ["question": "q"]]],
            "POST /v1/embeddings": ["dimensions": 8, "encoding_format": "float", "user": "fuzz"],
            "POST /api/keys": ["expires_in": "30d", "limits": ["rpm": 10, "tpm": 100, "budget_usd_day": 1, "budget_usd_month": 10,
                                                               "routes": ["mock-model"]]],
            "POST /api/keys/:id/rotate": ["grace": "1h", "grace_seconds": 60],
            "PUT /api/routes": ["routes": [["name": "fuzz-route", "deployments": [["model": "mock-model", "weight": 1]],
                                            "retries": ["attempts": 2, "backoff_ms": 50, "cap_ms": 5000],
                                            "timeouts": ["connect_ms": 1000, "first_token_ms": 10000, "total_ms": 60000],
                                            "cache": ["exact": ["ttl_s": 3600]], "limits": ["rpm": 600, "tpm": 1000]]]],
            "POST /api/queues": ["trace_filter": filter, "lease_seconds": 900, "description": "d"],
            "POST /api/queues/:id/items": ["trace_filter": filter],
            "POST /api/experiments": ["concurrency": 2],
            "POST /api/experiments/:id/items": ["items": [["item": 0, "output": "a", "latency": 0.2, "trace_id": "t",
                                                           "usage": ["prompt_tokens": 3, "completion_tokens": 1], "scores": ["exact": 1]]]],
            "POST /api/score-definitions": ["kind": "numeric", "min": 1, "max": 5, "categories": ["a", "b"]],
            "POST /api/scores": ["comment": "c"],
            "POST /api/queues/:id/items/:item/complete": ["comment": "c"],
        ]
    }

    /// After an answer slower than this the rest of its route is skipped (and logged), so the test
    /// stays bounded whatever the store holds by then.
    static let slow: TimeInterval = 3

    struct SkipRoute: Error {}

    struct Finding: CustomStringConvertible {
        let route: String, input: String, status: Int, body: String
        var description: String { "\(route) with \(input) → \(status): \(body.prefix(300))" }
    }

    func testNoInputMakesAnyRouteFailOrCrash() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let alpha = try await AlphaFixtures.make(gw)
        let catalog = Routes.register(on: Router(context: OpsRequestContext.self), services: gw.server.services)
        let extras = Self.extraFields(alpha)
        var findings: [Finding] = []
        var slowRoutes: Set<String> = []
        var sent = 0
        let started = Date()

        for route in catalog.routes {
            do {
                let name = "\(route.method) \(route.path)"
                Self.log("\(name) after \(sent) requests, \(Int(Date().timeIntervalSince(started))) s")
                let probe = AuthorizationMatrixTests.probes[name] ?? .init()
                let method = HTTPMethod(rawValue: route.method.rawValue)
                let path = probe.path ?? alpha.path(of: route)
                let gateway = route.path.hasPrefix("/v1/")
                var base = probe.raw != nil ? nil : probe.body(alpha)?.objectValue ?? (route.operation.body == nil ? nil : JSONObject())
                if let extra = extras[name] { for (k, v) in extra { base?[k] = v } }

                func check(_ input: String, _ reply: GatewayHarness.Reply) {
                    sent += 1
                    let before = findings.count
                    defer { for finding in findings[before...] { Self.log("finding: \(finding)") } }
                    let honest = gateway && [502, 503, 504].contains(reply.status)
                    if reply.status >= 500 && !honest {
                        findings.append(Finding(route: name, input: input, status: reply.status, body: reply.text))
                    } else if reply.status >= 400 {
                        let error = reply.json["error"]
                        if error?["message"]?.stringValue == nil || error?["type"]?.stringValue == nil
                            || error?["param"] == nil || error?["code"] == nil {
                            findings.append(Finding(route: name, input: input + " (not the OpenAI error body)", status: reply.status,
                                                    body: reply.text))
                        }
                    }
                }
                func send(_ path: String, body: [UInt8]?) async throws -> GatewayHarness.Reply {
                    let start = Date()
                    defer {
                        let took = Date().timeIntervalSince(start)
                        if took > Self.slow {
                            Self.log("slow: \(name) with \(path.prefix(80)) took \(Int(took)) s; the rest of the route is skipped")
                            slowRoutes.insert(name)
                        }
                    }
                    if slowRoutes.contains(name) { throw SkipRoute() }
                    if route.operation.bodyContentTypes.contains("application/json") || body == nil {
                        return try await gw.send(method, path, key: gw.admin, body: body)
                    }
                    return try await gw.sendRaw(method, path, key: gw.admin, body: String(decoding: body ?? [], as: UTF8.self),
                                                contentType: route.operation.bodyContentTypes[0])
                }
                let validBody = base.map { JSONValue.object($0).serialized() } ?? probe.raw.map { Array($0.body.utf8) }

                let queryNames = Set(route.operation.query.map(\.name) + RouteFuzzValues.commonQuery)
                for query in queryNames.sorted() {
                    for value in RouteFuzzValues.url {
                        let separator = path.contains("?") ? "&" : "?"
                        check("?\(query)=\(value.prefix(40))", try await send(path + separator + query + "=" + value, body: validBody))
                    }
                }
                let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
                let filled = path.split(separator: "/", omittingEmptySubsequences: false)
                for (index, part) in template.enumerated() where part.hasPrefix(":") || part == "**" {
                    for value in RouteFuzzValues.url {
                        var parts = filled.map(String.init)
                        parts[index] = value
                        check("path \(part)=\(value.prefix(40))", try await send(parts.joined(separator: "/"), body: validBody))
                    }
                }
                guard route.operation.body != nil else { continue }
                for body in RouteFuzzValues.bodies {
                    check("body \(String(decoding: body.prefix(40), as: UTF8.self))", try await send(path, body: body))
                }
                guard let base else {
                    for value in RouteFuzzValues.json {
                        let line = Array("{\"input\": ".utf8) + value + Array(", \"expected_output\": ".utf8) + value + Array("}\n".utf8)
                        check("file line \(String(decoding: value.prefix(40), as: UTF8.self))", try await send(path, body: line))
                    }
                    continue
                }
                for field in Self.fieldPaths(in: .object(base)) {
                    for value in RouteFuzzValues.json {
                        let body = Self.body(.object(base), replacing: field, with: value)
                        check("\(field.joined(separator: ".")) = \(String(decoding: value.prefix(40), as: UTF8.self))",
                              try await send(path, body: body))
                    }
                }
            } catch is SkipRoute {
                continue
            }
        }
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200, "the server still answers")
        let chat = try await gw.post("/v1/chat/completions", GatewayHarness.chat("still there"), key: gw.developer)
        XCTAssertEqual(chat.status, 200, "the gateway still answers: \(chat.text)")
        XCTAssertGreaterThan(sent, 3000)
        Self.log("\(sent) requests over \(catalog.routes.count) routes in \(Int(Date().timeIntervalSince(started))) s")
        XCTAssertTrue(findings.isEmpty, "\(findings.count) answers failed:\n" + findings.prefix(40).map(\.description).joined(separator: "\n"))
    }

    /// Progress on standard error (unbuffered), so a slow route shows where it is.
    static func log(_ line: String) {
        FileHandle.standardError.write(Data("RouteFuzzTests: \(line)\n".utf8))
    }

    /// Every field of `value` three levels deep (into objects, and the first element of arrays).
    static func fieldPaths(in value: JSONValue, prefix: [String] = [], depth: Int = 3) -> [[String]] {
        guard depth > 0 else { return [] }
        switch value {
        case .object(let object):
            return object.entries.flatMap { entry in
                [prefix + [entry.0]] + fieldPaths(in: entry.1, prefix: prefix + [entry.0], depth: depth - 1)
            }
        case .array(let array):
            guard let first = array.first else { return [] }
            return fieldPaths(in: first, prefix: prefix + ["0"], depth: depth)
        default:
            return []
        }
    }

    /// `value` serialized with the field at `path` replaced by raw JSON text.
    static func body(_ value: JSONValue, replacing path: [String], with raw: [UInt8]) -> [UInt8] {
        let marker = "__fuzz_\(Identifier.hex(bytes: 4))__"
        let marked = replaced(value, at: path[...], with: .string(marker))
        let text = marked.serialized()
        let needle = Array("\"\(marker)\"".utf8)
        guard let range = text.firstRange(of: needle) else { return text }
        return Array(text[..<range.lowerBound]) + raw + Array(text[range.upperBound...])
    }

    private static func replaced(_ value: JSONValue, at path: ArraySlice<String>, with new: JSONValue) -> JSONValue {
        guard let key = path.first else { return new }
        switch value {
        case .object(var object):
            object[key] = replaced(object[key] ?? .null, at: path.dropFirst(), with: new)
            return .object(object)
        case .array(var array) where Int(key).map({ $0 < array.count }) == true:
            array[Int(key)!] = replaced(array[Int(key)!], at: path.dropFirst(), with: new)
            return .array(array)
        default:
            return value
        }
    }
}
