import OpsCore

/// A scorer outside the process: it receives `{"input", "output", "expected", "metadata"}` as JSON
/// and answers `{"score": NUMBER, "reason"?: STRING}`. At most `limit` calls run at once (shared by
/// every item of the run), each within `timeout`. Every failure is an error naming the scorer.
public struct ExternalScorer: ItemScorer {
    /// The metric's name as given (`external:cmd:./score.py`).
    public let name: String
    let transport: any ScorerTransport
    public let timeout: Duration
    let limit: ConcurrencyLimit

    public init(name: String, transport: any ScorerTransport, timeout: Duration, limit: ConcurrencyLimit) {
        self.name = name
        self.transport = transport
        self.timeout = timeout
        self.limit = limit
    }

    public func score(_ subject: ScoringSubject) async throws -> MetricScore {
        let request = subject.json.serialized()
        let reply: [UInt8]
        do {
            reply = try await limit.run { [transport, timeout] in try await transport.exchange(request, timeout: timeout) }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw EvalError.scorerFailed("scorer \(name) failed: \(error)")
        }
        do {
            return try Self.parseAnswer(reply)
        } catch {
            throw EvalError.scorerFailed("scorer \(name) \(error.description)")
        }
    }

    /// Reads `{"score": NUMBER, "reason"?: STRING}`; other fields are allowed and ignored, so a
    /// scorer can return diagnostics alongside.
    public static func parseAnswer(_ bytes: [UInt8]) throws(EvalError) -> MetricScore {
        let text = String(decoding: bytes, as: UTF8.self)
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            let shown = text.count > 120 ? "\(text.prefix(120))…" : text
            throw .scorerFailed("answered with something that is not JSON (\(error.reason)): '\(shown)'")
        }
        guard case .object(let object) = json else {
            throw .scorerFailed("answered \(json.typeDescription); expected an object {\"score\": number, \"reason\"?: string}")
        }
        guard let scoreValue = object["score"] else {
            throw .scorerFailed("answered without 'score'; expected {\"score\": number, \"reason\"?: string}")
        }
        guard let score = scoreValue.doubleValue, score.isFinite else {
            throw .scorerFailed("answered a 'score' that is \(scoreValue.typeDescription) (\(scoreValue.serializedString())), "
                                + "not a finite number")
        }
        var reason: String?
        if let value = object["reason"], !value.isNull {
            guard let text = value.stringValue else {
                throw .scorerFailed("answered a 'reason' that is \(value.typeDescription), not a string")
            }
            reason = text
        }
        return MetricScore(value: score, reason: reason)
    }
}
