import OpsCore

/// One score definition as a field of the reviewer's form: a number box with its range, a
/// select of labels, or yes/no radio buttons. `value` is what the reviewer typed last.
struct ReviewFieldView {
    struct Choice {
        var value: String
        var label: String
        var id: String
        var checked: Bool
    }

    var name: String
    var field: String
    var description: String?
    var isNumeric: Bool
    var isCategorical: Bool
    var isBoolean: Bool
    var min: String
    var max: String
    var value: String
    var choices: [Choice]
    var invalid: Bool

    init(_ definition: ScoreDefinition, value: String?, invalid: Bool) {
        name = definition.name
        field = "score." + definition.name
        description = definition.description.isEmpty ? nil : definition.description
        self.value = value ?? ""
        self.invalid = invalid
        isNumeric = false
        isCategorical = false
        isBoolean = false
        min = ""
        max = ""
        choices = []
        switch definition.rule {
        case .numeric(let lo, let hi):
            isNumeric = true
            min = ScoreValue.numeric(lo).text
            max = ScoreValue.numeric(hi).text
        case .categorical(let labels):
            isCategorical = true
            choices = labels.map { Choice(value: $0, label: $0, id: "", checked: $0 == value) }
        case .boolean:
            isBoolean = true
            choices = [Choice(value: "true", label: "yes", id: "\(field)-yes", checked: value == "true"),
                       Choice(value: "false", label: "no", id: "\(field)-no", checked: value == "false")]
        }
    }
}
