import Foundation
import OpsCore

/// The "new score definition" form on `/review`: what was typed, and the field an error names.
/// The form is read into the API's JSON body (`json`), so the definition is checked by
/// `ScoreDefinition(json:…)` exactly as `POST /api/score-definitions` checks it.
struct ScoreDefinitionFormView {
    var name: String
    var isNumeric: Bool
    var isCategorical: Bool
    var isBoolean: Bool
    var min: String
    var max: String
    var categories: String
    var description: String
    var error: String?
    var invalidName: Bool
    var invalidKind: Bool
    var invalidMin: Bool
    var invalidMax: Bool
    var invalidCategories: Bool
    var invalidDescription: Bool

    /// An empty form (numeric checked), or `form` as typed with `error` shown.
    init(form: ConsoleForm = ConsoleForm(fields: []), error: OpsError? = nil) {
        name = form["name"] ?? ""
        let kind = form["kind"] ?? ScoreKind.numeric.rawValue
        isNumeric = kind == ScoreKind.numeric.rawValue
        isCategorical = kind == ScoreKind.categorical.rawValue
        isBoolean = kind == ScoreKind.boolean.rawValue
        min = form["min"] ?? ""
        max = form["max"] ?? ""
        categories = form["categories"] ?? ""
        description = form["description"] ?? ""
        self.error = error?.message
        let field = ConsoleForm.field(at: error?.param)
        invalidName = field == "name"
        invalidKind = field == "kind"
        invalidMin = field == "min"
        invalidMax = field == "max"
        invalidCategories = field == "categories"
        invalidDescription = field == "description"
    }

    /// The form as `POST /api/score-definitions` takes it: blank fields left out, `min`/`max` as
    /// numbers when they read as numbers (as typed otherwise, so the error says what is wrong),
    /// categories one per line.
    static func json(_ form: ConsoleForm) -> JSONValue {
        var body = JSONObject()
        for field in ["name", "kind", "description"] {
            if let value = form[field], !value.isEmpty { body[field] = .string(value) }
        }
        for field in ["min", "max"] {
            guard let text = form[field]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            body[field] = Double(text).map { .double($0) } ?? .string(text)
        }
        if let text = form["categories"] {
            let labels = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !labels.isEmpty { body["categories"] = .array(labels.map { .string($0) }) }
        }
        return .object(body)
    }
}
