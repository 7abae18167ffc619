import Foundation
import OpsCore

/// The "new annotation queue" form on `/review`: name, description, the score definitions to fill
/// in, the lease, and what to review — traces matching the filters `GET /api/traces` takes, a list
/// of trace ids, or an experiment run's items. It is read into the body of `POST /api/queues`
/// (`json`), so `QueueRequest` and `QueueBuilder` check it exactly as they check the API's.
struct QueueFormView {
    struct DefinitionChoice {
        var name: String
        var id: String
        var summary: String
        var checked: Bool
    }

    struct FilterField {
        var field: String
        var id: String
        var label: String
        var value: String
        var placeholder: String
        var invalid: Bool
    }

    /// The trace filters offered, in form order, with their labels and examples.
    static let filters: [(name: String, label: String, placeholder: String)] = [
        ("from", "From", "2026-11-25 or Unix seconds"), ("to", "To", "2026-11-26T12:00:00Z"), ("model", "Model", "gpt-4o-mini"),
        ("user", "User", ""), ("session_id", "Session", ""), ("tag", "Tag", ""), ("prompt", "Prompt", "NAME or NAME@VERSION"),
    ]

    var name: String
    var description: String
    var leaseSeconds: String
    var definitions: [DefinitionChoice]
    var hasDefinitions: Bool
    var fromFilter: Bool
    var fromTraceIDs: Bool
    var fromRun: Bool
    var filterFields: [FilterField]
    var statusOptions: [SelectOption]
    var traceIDs: String
    var runs: [SelectOption]
    var hasRuns: Bool
    var error: String?
    var invalidName: Bool
    var invalidDescription: Bool
    var invalidDefinitions: Bool
    var invalidLease: Bool
    var invalidFilter: Bool
    var invalidStatus: Bool
    var invalidTraceIDs: Bool
    var invalidRun: Bool

    /// The form for the project's `definitions` and `runs`: empty (filter chosen), or `form` as typed with `error` shown.
    init(definitions: [ScoreDefinition], runs: [ExperimentRun], form: ConsoleForm = ConsoleForm(fields: []), error: OpsError? = nil) {
        name = form["name"] ?? ""
        description = form["description"] ?? ""
        leaseSeconds = form["lease_seconds"] ?? ""
        let checked = Set(form.values("score_definitions"))
        self.definitions = definitions.map {
            DefinitionChoice(name: $0.name, id: "queue-def-" + $0.name, summary: Self.summary($0.rule), checked: checked.contains($0.name))
        }
        hasDefinitions = !definitions.isEmpty
        let source = form["source"] ?? "trace_filter"
        fromFilter = source == "trace_filter"
        fromTraceIDs = source == "trace_ids"
        fromRun = source == "run_id"
        let field = ConsoleForm.field(at: error?.param)
        filterFields = Self.filters.map { filter in
            let name = "trace_filter." + filter.name
            return FilterField(field: name, id: "queue-filter-" + filter.name, label: filter.label, value: form[name] ?? "",
                               placeholder: filter.placeholder, invalid: field == name)
        }
        statusOptions = SelectOption.list(["ok", "error"], selected: form["trace_filter.status"])
        traceIDs = form["trace_ids"] ?? ""
        let run = form["run_id"]
        self.runs = runs.map { run in
            SelectOption(value: run.id, label: "\(run.id) · \(RunDescription(run).dataset) · \(RunDescription(run).target) · "
                         + "\(run.itemCount) items", selected: false)
        }
        for i in self.runs.indices where self.runs[i].value == run { self.runs[i].selected = true }
        hasRuns = !runs.isEmpty
        self.error = error?.message
        invalidName = field == "name"
        invalidDescription = field == "description"
        invalidDefinitions = field == "score_definitions"
        invalidLease = field == "lease_seconds"
        invalidFilter = field == "trace_filter"
        invalidStatus = field == "trace_filter.status"
        invalidTraceIDs = field == "trace_ids"
        invalidRun = field == "run_id"
    }

    /// The form as `POST /api/queues` takes it: blank fields left out, only the chosen source's
    /// fields (blank filters match every trace), trace ids split on spaces, commas and lines.
    static func json(_ form: ConsoleForm) -> JSONValue {
        var body = JSONObject()
        for field in ["name", "description"] {
            if let value = form[field], !value.isEmpty { body[field] = .string(value) }
        }
        let definitions = form.values("score_definitions")
        if !definitions.isEmpty { body["score_definitions"] = .array(definitions.map { .string($0) }) }
        if let text = form["lease_seconds"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            body["lease_seconds"] = Int(text).map { .int(Int64($0)) } ?? .string(text)
        }
        switch form["source"] {
        case "trace_filter"?:
            var filter = JSONObject()
            for (name, value) in form.prefixed("trace_filter.") {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, filter[name] == nil { filter[name] = .string(trimmed) }
            }
            body["trace_filter"] = .object(filter)
        case "trace_ids"?:
            let ids = (form["trace_ids"] ?? "").split { $0.isWhitespace || $0 == "," }.map { JSONValue.string(String($0)) }
            body["trace_ids"] = .array(ids)
        case "run_id"?:
            // Sent even when blank, so the error names the run select ("run_id is empty").
            body["run_id"] = .string(form["run_id"] ?? "")
        default:
            break
        }
        return .object(body)
    }

    /// What a definition allows, next to its checkbox: `1 to 5`, `friendly / neutral / rude`, `yes / no`.
    static func summary(_ rule: ScoreDefinition.Rule) -> String {
        switch rule {
        case .numeric(let min, let max): return "\(ScoreValue.numeric(min).text) to \(ScoreValue.numeric(max).text)"
        case .categorical(let labels): return labels.joined(separator: " / ")
        case .boolean: return "yes / no"
        }
    }
}
