import Foundation

extension ScoreDefinition {
    /// Reads `POST /api/score-definitions`: `{"name", "kind": "numeric", "min", "max"}`,
    /// `{"name", "kind": "categorical", "categories": [...]}` or `{"name", "kind": "boolean"}`,
    /// with an optional `description`. Every mistake is a 400 naming its field.
    public init(json: JSONValue, project: String, author: String, createdAt: Date) throws(OpsError) {
        let fields = try JSONFields(json)
        let known: Set<String> = ["name", "kind", "min", "max", "categories", "description"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(unknown) is not a score definition field", param: unknown)
        }
        let name = try fields.requiredString("name")
        try Prompt.validateName(name, param: "name", what: "score")
        let kindText = try fields.requiredString("kind")
        guard let kind = ScoreKind(rawValue: kindText) else {
            throw .invalid("kind must be numeric, categorical or boolean, got '\(kindText)'", param: "kind")
        }
        let rule: Rule
        switch kind {
        case .numeric:
            guard let min = try fields.double("min", in: -NumberRange.score...NumberRange.score) else { throw .invalid("min is required for a numeric score", param: "min") }
            guard let max = try fields.double("max", in: -NumberRange.score...NumberRange.score) else { throw .invalid("max is required for a numeric score", param: "max") }
            guard min.isFinite, max.isFinite, min < max else {
                throw .invalid("max must be greater than min (got \(Self.number(min)) and \(Self.number(max)))", param: "max")
            }
            rule = .numeric(min: min, max: max)
        case .categorical:
            guard let values = try fields.array("categories"), !values.isEmpty else {
                throw .invalid("categories is required for a categorical score: a non-empty list of labels", param: "categories")
            }
            var labels: [String] = []
            for (i, value) in values.enumerated() {
                guard let label = value.stringValue else {
                    throw .invalid("categories[\(i)] must be a string, got \(value.typeDescription)", param: "categories[\(i)]")
                }
                try ScoreValue.checkLabel(label, param: "categories[\(i)]")
                guard !labels.contains(label) else {
                    throw .invalid("categories[\(i)] '\(label)' is listed twice", param: "categories[\(i)]")
                }
                labels.append(label)
            }
            rule = .categorical(labels)
        case .boolean:
            rule = .boolean
        }
        for field in ["min", "max"] where kind != .numeric && fields.has(field) {
            throw .invalid("\(field) only applies to numeric scores", param: field)
        }
        if kind != .categorical && fields.has("categories") {
            throw .invalid("categories only applies to categorical scores", param: "categories")
        }
        let description = try fields.string("description") ?? ""
        guard description.count <= 2000 else { throw .invalid("description is longer than 2000 characters", param: "description") }
        self.init(project: project, name: name, rule: rule, description: description, author: author, createdAt: createdAt)
    }

    /// The value a form field sends, as JSON the definition checks: forms send text, so a numeric
    /// field's text is read as a number and a boolean's `true`/`false` (or `yes`/`no`) as a boolean.
    public func formValue(_ text: String) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch rule {
        case .numeric: return Double(trimmed).map { .double($0) } ?? .string(text)
        case .categorical: return .string(text)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "1", "on": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: return .string(text)
            }
        }
    }
}
