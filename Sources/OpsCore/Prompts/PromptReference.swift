/// How clients name a prompt version: `name` (the newest), `name@label` or `name@3`.
public struct PromptReference: Sendable, Hashable, CustomStringConvertible {
    /// Which version of the prompt.
    public enum Selector: Sendable, Hashable {
        case latest
        case label(String)
        case version(Int)
    }

    public var name: String
    public var selector: Selector

    public init(name: String, selector: Selector = .latest) {
        self.name = name
        self.selector = selector
    }

    /// Parses `name`, `name@label` or `name@3`; `param` names the field in errors.
    public init(parsing text: String, param: String = "prompt") throws(OpsError) {
        guard !text.isEmpty else {
            throw .invalid("The prompt reference is empty; write NAME, NAME@LABEL or NAME@VERSION", param: param)
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw .invalid("'\(text)' has more than one '@'; write NAME, NAME@LABEL or NAME@VERSION", param: param)
        }
        let name = String(parts[0])
        guard !name.isEmpty else {
            throw .invalid("'\(text)' has no prompt name before '@'; write NAME, NAME@LABEL or NAME@VERSION", param: param)
        }
        try Prompt.validateName(name, param: param)
        guard parts.count == 2 else {
            self.init(name: name)
            return
        }
        let selector = String(parts[1])
        guard !selector.isEmpty else {
            throw .invalid("'\(text)' ends with '@'; add a label (\(name)@production) or a version (\(name)@3)",
                           param: param)
        }
        if selector.allSatisfy(\.isASCIIDigit) {
            guard let number = Int(selector), number >= 1 else {
                throw .invalid("'\(text)': versions are numbered from 1", param: param)
            }
            self.init(name: name, selector: .version(number))
        } else if selector == "latest" {
            self.init(name: name)
        } else {
            try Prompt.validateLabel(selector, param: param)
            self.init(name: name, selector: .label(selector))
        }
    }

    public var description: String {
        switch selector {
        case .latest: return name
        case .label(let label): return "\(name)@\(label)"
        case .version(let number): return "\(name)@\(number)"
        }
    }
}
