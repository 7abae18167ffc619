import OpsCore

/// LLM-as-judge: renders the rubric with the item (`{{input}}`, `{{output}}`, `{{expected}}`,
/// `{{metadata}}` and the item's input variables), asks the judge model through a `JudgeClient`,
/// and parses its answer strictly into a score within the rubric's range and a reason
/// (`JudgeVerdict`). A failed call or an answer that does not parse is this item's score error.
public struct LLMJudgeMetric: ItemScorer {
    /// The metric's name as given (`judge:helpfulness@production`).
    public let name: String
    public let rubric: JudgeRubric
    let client: any JudgeClient

    public init(name: String, rubric: JudgeRubric, client: any JudgeClient) {
        self.name = name
        self.rubric = rubric
        self.client = client
    }

    public func score(_ subject: ScoringSubject) async throws -> MetricScore {
        let variables = try self.variables(for: subject)
        let request = JudgeRequest(prompt: rubric.version.name, version: rubric.version.number, variables: variables,
                                   model: rubric.model)
        let answer: String
        do { answer = try await client.complete(request) } catch let error as CancellationError { throw error } catch {
            throw EvalError.judgeAnswer("the judge call failed: \(error)")
        }
        let verdict = try JudgeVerdict(parsing: answer, range: rubric.range)
        return MetricScore(value: verdict.score, reason: verdict.reason)
    }

    /// The values of the variables the rubric uses; `{{expected}}` on an item without an expected
    /// output is an error rather than an empty string the judge would misread.
    func variables(for subject: ScoringSubject) throws(EvalError) -> JSONObject {
        var available = subject.item.variables
        available["input"] = .string(subject.inputText)
        available["output"] = .string(subject.output)
        available["metadata"] = .string(JSONValue.object(subject.item.metadata).serializedString())
        if let expected = subject.expectedText { available["expected"] = .string(expected) }
        var out = JSONObject()
        var missing: [String] = []
        for name in rubric.variables {
            if let value = available[name] { out[name] = value } else { missing.append(name) }
        }
        if missing == ["expected"] {
            throw .judgeAnswer("the rubric uses {{expected}}, but this item has no expected_output")
        }
        if !missing.isEmpty {
            throw .judgeAnswer("the rubric uses " + missing.map { "{{\($0)}}" }.joined(separator: ", ")
                               + ", which this item does not provide (judges get input, output, expected, metadata "
                               + "and the item's input variables)")
        }
        return out
    }
}
