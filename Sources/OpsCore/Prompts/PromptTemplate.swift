/// A prompt text with `{{variable}}` placeholders, the variable subset of mustache.
///
/// - `{{name}}` and `{{ name }}` insert the variable; `{{{name}}}` and `{{& name}}` are accepted as
///   the same thing, and `{{! comment }}` is dropped.
/// - No HTML escaping: mustache escapes `{{name}}` for HTML pages, but a prompt goes to a model, not
///   a browser, and `&lt;` in a prompt would change what the model reads. Values are inserted as given.
/// - Sections (`{{#…}}`, `{{^…}}`, `{{/…}}`), partials (`{{>…}}`) and delimiter changes (`{{=…=}}`)
///   are rejected when the template is parsed, so a template never renders differently than it reads.
/// - Strings are inserted as they are; numbers and booleans as JSON text; arrays and objects as
///   compact JSON; `null` as nothing.
public struct PromptTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        case variable(String)
    }

    /// The source text.
    public let source: String
    let pieces: [Piece]

    /// Parses `source`; `param` names the field in errors (`messages[1].content`).
    public init(_ source: String, param: String = "prompt") throws(OpsError) {
        self.source = source
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[bodyStart...].range(of: closer) else {
                throw .invalid("\(param): '{{' at \(Self.position(of: open.lowerBound, in: source)) is never closed",
                               param: param, code: "invalid_template")
            }
            let tag = String(rest[bodyStart..<close.lowerBound])
            if let piece = try Self.piece(for: tag, triple: triple, param: param) { pieces.append(piece) }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    private static func piece(for tag: String, triple: Bool, param: String) throws(OpsError) -> Piece? {
        var body = Substring(tag).trimmingSpaces
        if !triple, let sigil = body.first, "#^/>=&!".contains(sigil) {
            switch sigil {
            case "!": return nil
            case "&": body = body.dropFirst().trimmingSpaces
            default:
                let what = sigil == ">" ? "partials" : sigil == "=" ? "delimiter changes" : "sections"
                throw .invalid("\(param): '{{\(tag)}}' is not supported: \(what) are not part of prompt templates, "
                               + "which only substitute {{variable}} placeholders", param: param, code: "invalid_template")
            }
        }
        let name = String(body)
        guard !name.isEmpty else {
            throw .invalid("\(param): an empty placeholder '{{\(tag)}}'", param: param, code: "invalid_template")
        }
        guard name.unicodeScalars.allSatisfy({ Prompt.isAlphanumeric($0) || "_.-".unicodeScalars.contains($0) }) else {
            throw .invalid("\(param): '{{\(tag)}}' is not a variable name; use letters, digits, '_', '.' and '-'",
                           param: param, code: "invalid_template")
        }
        return .variable(name)
    }

    private static func position(of index: String.Index, in source: String) -> String {
        let before = source[..<index]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return "line \(line), column \(column)"
    }

    /// The variable names the template uses, each once, in order of first use.
    public var variables: [String] {
        var seen: Set<String> = []
        return pieces.compactMap { piece in
            if case .variable(let name) = piece, seen.insert(name).inserted { return name }
            return nil
        }
    }

    /// Renders the template; fails with every missing variable named at once.
    public func render(_ values: [String: JSONValue]) throws(OpsError) -> String {
        let missing = variables.filter { values[$0] == nil }
        if !missing.isEmpty { throw Self.missingError(missing) }
        return renderAvailable(values)
    }

    /// Renders with what is there; a missing variable renders as nothing (callers check first).
    func renderAvailable(_ values: [String: JSONValue]) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .variable(let name): out += values[name].map(Self.text(of:)) ?? ""
            }
        }
        return out
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return ""
        default: return value.serializedString()
        }
    }

    static func missingError(_ missing: [String]) -> OpsError {
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        let noun = missing.count == 1 ? "variable" : "variables"
        return .invalid("The prompt needs the \(noun) \(list), which the request did not provide",
                        param: "prompt.variables", code: "missing_variables")
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
