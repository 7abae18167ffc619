import Foundation
import Hummingbird
import NIOCore
import OpsCore

/// A submitted HTML form (`application/x-www-form-urlencoded`): its fields in order, with `+` read
/// as a space and percent-escapes decoded. A field given twice keeps its first value in `[name]`.
struct ConsoleForm: Sendable, Equatable {
    var fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// Parses `a=1&b=x+y&c=%C3%A9`; pairs without `=` have an empty value, empty pairs are skipped.
    init(encoded text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// Reads the request body (at most `limit` bytes; 413 past it).
    static func read(_ request: Request, limit: Int = 256 << 10) async throws -> ConsoleForm {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw OpsError(.payloadTooLarge, "The form is larger than \(limit) bytes", code: "payload_too_large")
        }
        return ConsoleForm(encoded: String(buffer: buffer))
    }

    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of the field `name`, in order (checkboxes, multiple selects).
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The form field an error's `param` names: the param without an index (`trace_ids[3]` →
    /// `trace_ids`), since one field holds the list.
    static func field(at param: String?) -> String? {
        guard let param else { return nil }
        return param.firstIndex(of: "[").map { String(param[..<$0]) } ?? param
    }

    /// Fields whose names start with `prefix`, with the prefix removed (`var.city` → `city`).
    func prefixed(_ prefix: String) -> [(name: String, value: String)] {
        fields.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static func == (a: ConsoleForm, b: ConsoleForm) -> Bool {
        a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }
}
