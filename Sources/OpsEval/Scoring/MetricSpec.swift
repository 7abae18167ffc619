import Foundation
import OpsCore

/// A metric as `--metric` and stored plans name it:
///
/// - a built-in metric from `MetricCatalog.names` (`bleu`, `exact`, …);
/// - `judge:NAME`, `judge:NAME@LABEL` or `judge:NAME@VERSION`: an LLM judge whose rubric is that
///   prompt from the registry;
/// - `external:cmd:PATH`: a command run once per item (JSON on stdin, JSON on stdout);
/// - `external:http:URL`: an endpoint that gets the same JSON in a POST and answers the same way.
///
/// The text given is the metric's name: scores are stored and thresholds written under it.
public enum MetricSpec: Sendable, Hashable, CustomStringConvertible {
    case builtin(String)
    case judge(PromptReference)
    case command(String)
    case http(String)

    /// Every form, for help texts and errors.
    public static let forms = "a built-in metric (\(MetricCatalog.names.joined(separator: ", "))), judge:PROMPT[@LABEL|@VERSION], "
        + "external:cmd:PATH or external:http:URL"

    /// Parses one `--metric` value; errors say which part is wrong and what the forms are.
    public init(parsing text: String) throws(EvalError) {
        if MetricCatalog.names.contains(text) {
            self = .builtin(text)
        } else if text.hasPrefix("judge:") {
            let reference = String(text.dropFirst("judge:".count))
            do {
                self = .judge(try PromptReference(parsing: reference, param: "metric"))
            } catch {
                throw .invalidOption("metric '\(text)': the judge's rubric must be a prompt reference "
                                     + "(judge:NAME, judge:NAME@LABEL or judge:NAME@VERSION): \(error.message)")
            }
        } else if text.hasPrefix("external:cmd:") {
            let path = String(text.dropFirst("external:cmd:".count))
            guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidOption("metric '\(text)' names no command; write external:cmd:PATH, e.g. external:cmd:./score.py")
            }
            self = .command(path)
        } else if text.hasPrefix("external:http:") {
            let url = String(text.dropFirst("external:http:".count))
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > "https://".count else {
                throw .invalidOption("metric '\(text)': the scorer's address must start with http:// or https://, "
                                     + "e.g. external:http:http://127.0.0.1:9000/score")
            }
            self = .http(url)
        } else if text.hasPrefix("external:") {
            throw .invalidOption("metric '\(text)': an external scorer is external:cmd:PATH or external:http:URL")
        } else {
            throw .unknownMetric(text, valid: MetricCatalog.names + ["judge:PROMPT[@LABEL]", "external:cmd:PATH", "external:http:URL"])
        }
    }

    /// The name scores are stored under: the text the spec was parsed from.
    public var description: String {
        switch self {
        case .builtin(let name): return name
        case .judge(let reference): return "judge:\(reference)"
        case .command(let path): return "external:cmd:\(path)"
        case .http(let url): return "external:http:\(url)"
        }
    }

    /// Whether the metric compares with the item's expected output. Judges and external scorers
    /// decide for themselves (they receive it when there is one).
    public var needsReferences: Bool {
        if case .builtin(let name) = self { return MetricCatalog.needsReferences(name) }
        return false
    }
}
