import Synchronization

/// The serialized OpenAPI document, built on first use.
final class OpenAPIDocumentCache: Sendable {
    private let cached = Mutex<[UInt8]?>(nil)

    func bytes(_ make: () -> [UInt8]) -> [UInt8] {
        cached.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}
