import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import OpsCore
import XCTest

/// Requests the prompt and dataset tests need beyond JSON posts: other methods, raw bodies with
/// their own content type, and conditional GETs.
extension GatewayHarness {
    func sendRaw(_ method: HTTPMethod, _ path: String, key: String?, body: String? = nil, contentType: String? = nil,
                 headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        if let contentType { request.headers.add(name: "content-type", value: contentType) }
        for (n, v) in headers { request.headers.add(name: n, value: v) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        var buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func put(_ path: String, _ json: JSONValue, key: String?) async throws -> Reply {
        try await send(.PUT, path, key: key, body: json.serialized())
    }

    /// The id of the key whose secret is `secret` (from the admin's key list, by name).
    func keyID(named name: String) async throws -> String {
        let keys = try await get("/api/keys", key: admin).json["data"]?.arrayValue ?? []
        return try XCTUnwrap(keys.first { $0["name"]?.stringValue == name }?["id"]?.stringValue)
    }
}

/// Asserts an OpenAI-shaped error: status, the field at fault, the code and part of the message.
func assertAPIError(_ reply: GatewayHarness.Reply, status: Int, param: String?, code: String? = nil,
                    messageContains: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(reply.status, status, reply.text, file: file, line: line)
    let error = reply.json["error"]
    XCTAssertEqual(error?["param"]?.stringValue, param, reply.text, file: file, line: line)
    if let code { XCTAssertEqual(error?["code"]?.stringValue, code, reply.text, file: file, line: line) }
    let message = error?["message"]?.stringValue ?? ""
    XCTAssertTrue(message.contains(messageContains), "message '\(message)' lacks '\(messageContains)'", file: file, line: line)
}
