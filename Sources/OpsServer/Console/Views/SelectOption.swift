/// One `<option>` of a select box.
struct SelectOption {
    var value: String
    var label: String
    var selected: Bool

    /// Options for `values` (labelled by `label`), with `selected` marked.
    static func list(_ values: [String], selected: String?, label: (String) -> String = { $0 }) -> [SelectOption] {
        values.map { SelectOption(value: $0, label: label($0), selected: $0 == selected) }
    }
}
