import OpsCore

/// The "add to queue" control on a trace's page and on an experiment run's page: a select of the
/// project's queues that take that kind of item, and after an addition a notice saying what it did.
/// Only developer and admin keys get one (a viewer does not change queues).
struct AddToQueueView {
    var action: String
    /// "this trace" or "this run's items", on the button.
    var what: String
    /// "traces" or "experiment items", in the hint when no queue takes them.
    var kind: String
    var options: [SelectOption]
    var hasOptions: Bool
    var notice: String?
    var queueHref: String?

    /// `queues` are the project's; those of the other kind are left out. `queued`, `added` and
    /// `already` are the query parameters the addition redirected with.
    init(action: String, traces: Bool, queues: [AnnotationQueue], queued: String?, added: Int?, already: Int?) {
        self.action = action
        what = traces ? "this trace" : "this run's items"
        kind = traces ? "traces" : "experiment items"
        options = queues.filter { ($0.runID == nil) == traces }
            .map { SelectOption(value: $0.id, label: "\($0.name) (\($0.itemCount) item\($0.itemCount == 1 ? "" : "s"))", selected: $0.id == queued) }
        hasOptions = !options.isEmpty
        guard let queued, let queue = queues.first(where: { $0.id == queued }), let added else { return }
        queueHref = "/review/" + queue.id
        let held = already ?? 0
        switch (traces, added) {
        case (true, 0): notice = "This trace was already in the queue '\(queue.name)'."
        case (true, _): notice = "Added to the queue '\(queue.name)'."
        case (false, _):
            notice = "Added \(added) item\(added == 1 ? "" : "s") to the queue '\(queue.name)'"
                + (held > 0 ? " (\(held) already in it)." : ".")
        }
    }
}
