import Foundation
import NIOCore
import Synchronization

/// Counts the server's open connections and turns away those past `limit`, so slow or idle clients
/// cannot take every file descriptor the process has: a connection over the limit is closed as
/// soon as it opens, and the ones already held keep being served.
final class ConnectionLimiter: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)
    private let refusedCount = Atomic<Int>(0)

    /// `configured` 0 means the process's descriptor limit less `reserve` (the store, upstream
    /// connections, the journal, the listening socket).
    init(configured: Int, reserve: Int = 256) {
        limit = configured > 0 ? configured : max(64, Self.descriptorLimit() - reserve)
    }

    /// Connections open now.
    var current: Int { open.load(ordering: .relaxed) }
    /// Connections refused since start.
    var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// Takes a place; false (and nothing taken) when the server is full.
    func admit() -> Bool {
        let now = open.wrappingAdd(1, ordering: .relaxed).newValue
        guard now > limit else { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        refusedCount.wrappingAdd(1, ordering: .relaxed)
        return false
    }

    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    /// A channel handler for one connection that takes and gives back its place.
    func handler() -> ConnectionLimitHandler { ConnectionLimitHandler(limiter: self) }

    /// Raises the soft descriptor limit to the hard one (as servers commonly do at start) and returns it.
    static func descriptorLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 1_024 }
        if limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        return Int(clamping: limits.rlim_cur)
    }
}
