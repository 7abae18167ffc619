import NIOCore
import Synchronization

/// Idle keep-alive connections per upstream host and port. A connection is leased for one exchange
/// and comes back when the answer ended cleanly; one idle past `idleTimeout`, closed by the peer,
/// or over `maxIdlePerHost` is closed instead.
final class PlainHTTP1ConnectionPool: Sendable {
    private struct Idle {
        let connection: PlainHTTP1Connection
        let since: NIODeadline
    }

    private struct State {
        var idle: [String: [Idle]] = [:]
        var isShutDown = false
    }

    private let state = Mutex(State())
    let maxIdlePerHost: Int
    let idleTimeout: TimeAmount

    init(maxIdlePerHost: Int = 64, idleTimeout: TimeAmount = .seconds(60)) {
        self.maxIdlePerHost = maxIdlePerHost
        self.idleTimeout = idleTimeout
    }

    /// A live idle connection to `key`, if any. With `loop` (the caller's event loop) only one on
    /// that loop: it is written and read without a hop to another thread, for the request and for
    /// the answer, and the caller opens a new one on its loop rather than borrow another loop's.
    func lease(_ key: String, on loop: (any EventLoop)? = nil) throws -> PlainHTTP1Connection? {
        let now = NIODeadline.now()
        var stale: [PlainHTTP1Connection] = []
        let found: PlainHTTP1Connection? = try state.withLock { state in
            if state.isShutDown { throw PlainHTTP1Error.shutDown }
            if let loop {
                while let index = state.idle[key]?.lastIndex(where: { $0.connection.channel.eventLoop === loop }),
                      let candidate = state.idle[key]?.remove(at: index) {
                    if candidate.connection.channel.isActive, now - candidate.since < idleTimeout { return candidate.connection }
                    stale.append(candidate.connection)
                }
                return nil
            }
            while let candidate = state.idle[key]?.popLast() {
                if candidate.connection.channel.isActive, now - candidate.since < idleTimeout { return candidate.connection }
                stale.append(candidate.connection)
            }
            return nil
        }
        for connection in stale { connection.channel.close(promise: nil) }
        return found
    }

    /// Takes a connection back after a clean exchange.
    func release(_ connection: PlainHTTP1Connection) {
        let kept = state.withLock { state in
            guard !state.isShutDown, state.idle[connection.key, default: []].count < maxIdlePerHost else { return false }
            state.idle[connection.key, default: []].append(Idle(connection: connection, since: .now()))
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Closes every idle connection; later releases close theirs.
    func shutdown() async {
        let idle = state.withLock { state in
            state.isShutDown = true
            defer { state.idle = [:] }
            return state.idle.values.flatMap { $0 }
        }
        for entry in idle { try? await entry.connection.channel.close() }
    }
}
