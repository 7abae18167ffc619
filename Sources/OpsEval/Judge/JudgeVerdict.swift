import Foundation
import OpsCore

/// A judge's answer parsed strictly: exactly the JSON object `{"score": NUMBER, "reason": STRING}`,
/// optionally inside one fenced block (```json … ``` or ``` … ```), with nothing else around it.
/// Anything looser (prose around the JSON, a score as a string, extra fields, a score outside the
/// rubric's range) is an error, so a judge that drifts from its format shows up as errors, not as
/// made-up scores.
public struct JudgeVerdict: Sendable, Hashable {
    public var score: Double
    public var reason: String

    public init(score: Double, reason: String) {
        self.score = score
        self.reason = reason
    }

    /// Parses `answer`; `range` is the rubric's declared score range.
    public init(parsing answer: String, range: ClosedRange<Double>) throws(EvalError) {
        let body = try Self.unfenced(answer)
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch {
            throw .judgeAnswer("the judge's answer is not JSON (\(error.reason)): \(Self.excerpt(answer))")
        }
        guard case .object(let object) = json else {
            throw .judgeAnswer("the judge's answer must be a JSON object {\"score\", \"reason\"}, got \(json.typeDescription)")
        }
        if let extra = object.keys.first(where: { $0 != "score" && $0 != "reason" }) {
            throw .judgeAnswer("the judge's answer has an unexpected field '\(extra)'; expected exactly {\"score\", \"reason\"}")
        }
        guard let scoreValue = object["score"] else { throw .judgeAnswer("the judge's answer has no 'score'") }
        guard let score = scoreValue.doubleValue, score.isFinite else {
            throw .judgeAnswer("the judge's 'score' must be a number, got \(scoreValue.typeDescription) \(scoreValue.serializedString())")
        }
        guard range.contains(score) else {
            throw .judgeAnswer("the judge's score \(Self.format(score)) is outside the rubric's range "
                               + "[\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))]")
        }
        guard let reasonValue = object["reason"] else { throw .judgeAnswer("the judge's answer has no 'reason'") }
        guard let reason = reasonValue.stringValue else {
            throw .judgeAnswer("the judge's 'reason' must be a string, got \(reasonValue.typeDescription)")
        }
        self.init(score: score, reason: reason)
    }

    /// The text inside one fenced block when the answer is exactly that, else the trimmed answer.
    static func unfenced(_ answer: String) throws(EvalError) -> String {
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```") else { return trimmed }
        var lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let opener = lines.first ?? ""
        guard lines.count >= 3, opener == "```" || opener.lowercased() == "```json", lines.last == "```" else {
            throw .judgeAnswer("the judge's answer starts a fenced block that is not one ```json … ``` block: \(excerpt(answer))")
        }
        lines.removeFirst()
        lines.removeLast()
        return lines.joined(separator: "\n")
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "\\n")
        return flat.count <= 120 ? "'\(flat)'" : "'\(flat.prefix(120))…'"
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
