import Foundation
import OpsCore
import Synchronization

/// A wall clock that moves only when a test moves it, so expiry is tested without waiting.
public final class ManualClock: WallClock, Sendable {
    private let current: Mutex<Date>

    public init(_ date: Date = Date(timeIntervalSince1970: 1_767_268_800)) {
        current = Mutex(date)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
