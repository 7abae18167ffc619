import Foundation
import Logging
import OpsCore

/// Appends security-relevant actions to the store's hash-chained audit log; controllers, the console
/// and background tasks call it with one line after the action succeeded.
///
/// Decision: `record` does not throw. An entry describes an action that already happened (a key is
/// minted, a route applied); answering 5xx for it would make a client retry an action that took
/// effect. A failed append is logged at error level with the action, actor, project and target (never
/// the detail, which a caller might have filled carelessly), so the gap is visible to the operator,
/// and `llmops audit verify` still proves the stored chain intact. Callers that must not act without
/// a record (none today) can append through `store.appendAudit` and handle the error.
public struct AuditLog: Sendable {
    let store: any AuditStore
    let clock: any WallClock
    let logger: Logger

    public init(store: any AuditStore, clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "llmops.audit")) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Records `action` by `actor` (a key id, `cli` or `system`) in `project`.
    public func record(_ action: AuditAction, actor: String, project: String, target: String? = nil,
                       detail: JSONObject = [:]) async {
        let record = AuditRecord(actor: actor, project: project, at: clock.now(), action: action, target: target, detail: detail)
        do {
            _ = try await store.appendAudit(record)
        } catch {
            logger.error("audit entry not recorded", metadata: [
                "action": "\(action.rawValue)", "actor": "\(actor)", "project": "\(project)", "target": "\(target ?? "-")",
                "error": "\(error)",
            ])
        }
    }

    /// Records `action` by an API key, in the key's project.
    public func record(_ action: AuditAction, by key: APIKey, target: String? = nil, detail: JSONObject = [:]) async {
        await record(action, actor: key.id, project: key.project, target: target, detail: detail)
    }
}
