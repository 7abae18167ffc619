import Hummingbird
@testable import OpsServer
import OpsCore
import XCTest

/// `GET /api/openapi.json` answers without a key and describes every route of the catalog at its
/// path and method, with bearer security and the OpenAI error body where a key is needed.
final class OpenAPIDocumentTests: XCTestCase {
    func testTheServedDocumentDescribesEveryCatalogRoute() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.get("/api/openapi.json", key: nil)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("content-type"), "application/json")
        let document = reply.json
        XCTAssertEqual(document["openapi"], "3.0.3")
        XCTAssertEqual(document["components"]?["securitySchemes"]?["bearer"]?["scheme"], "bearer")
        let catalog = Routes.register(on: Router(context: OpsRequestContext.self), services: gw.server.services)
        for route in catalog.routes {
            let name = "\(route.method) \(route.openAPIPath)"
            guard let operation = document["paths"]?[route.openAPIPath]?[route.method.rawValue.lowercased()] else {
                XCTFail("\(name) is not in the document")
                continue
            }
            XCTAssertNotNil(operation["summary"]?.stringValue, name)
            let responses = operation["responses"]?.objectValue ?? JSONObject()
            XCTAssertTrue(responses.entries.contains { Int($0.key).map { $0 < 400 } == true }, "\(name) has no success answer")
            if route.access == .open {
                XCTAssertEqual(operation["security"], [], name)
            } else {
                XCTAssertEqual(operation["security"], [["bearer": []]], name)
                for status in ["401", "403"] {
                    XCTAssertEqual(responses[status]?["content"]?["application/json"]?["schema"]?["$ref"],
                                   "#/components/schemas/Error", "\(name) \(status)")
                }
            }
            for parameter in route.pathParameters {
                let declared = operation["parameters"]?.arrayValue?.contains { $0["name"]?.stringValue == parameter && $0["in"] == "path" }
                XCTAssertEqual(declared, true, "\(name) does not declare its path parameter \(parameter)")
            }
        }
        let error = document["components"]?["schemas"]?["Error"]?["properties"]?["error"]?["required"]
        XCTAssertEqual(error, ["message", "type", "param", "code"])
    }
}
