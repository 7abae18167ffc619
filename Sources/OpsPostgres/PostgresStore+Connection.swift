import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// The TLS settings for a `sslmode`, or nil for `disable`. libpq's `prefer` and `require`
    /// encrypt without checking the certificate (Debian's cluster ships a self-signed one);
    /// `verify-full` is the mode that checks it.
    static func tlsConfiguration(for mode: PostgresURL.TLSMode) -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return nil
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyFull: break
        }
        return configuration
    }

    // The pool keeps retrying while the server is down or refuses the login, and a query waits
    // for it; callers that decide whether the store is usable (readiness, start-up) need an
    // answer instead, with the reason a fresh connection gives.
    @discardableResult
    func withConnectTimeout<T: Sendable>(_ operation: String,
                                         _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = connectTimeout * 2
        let outcome = try await runUnbounded(operation) {
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        }
        if let outcome { return outcome }
        let target = "\(url.host):\(url.port)/\(url.database)"
        if let problem = await connectionProblem() {
            throw PostgresStoreError(.unavailable, "\(operation) failed: \(problem.message)", sqlState: problem.sqlState)
        }
        throw PostgresStoreError(.unavailable, "\(operation) failed: no answer from \(target) within \(timeout)")
    }

    /// Why a fresh connection with the store's settings fails, or nil when it succeeds.
    func connectionProblem() async -> PostgresStoreError? {
        let target = "\(url.host):\(url.port)/\(url.database)"
        do {
            let tls: PostgresConnection.Configuration.TLS
            switch (url.tls, Self.tlsConfiguration(for: url.tls)) {
            case (.prefer, let configuration?): tls = .prefer(try NIOSSLContext(configuration: configuration))
            case (_, let configuration?): tls = .require(try NIOSSLContext(configuration: configuration))
            case (_, nil): tls = .disable
            }
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: tls)
            let (seconds, attoseconds) = connectTimeout.components
            configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(), configuration: configuration, id: 0, logger: logger
            ).get()
            try? await connection.close()
            return nil
        } catch {
            return PostgresStoreError.wrapping(error, during: "connecting to \(target) as \(url.username)")
        }
    }
}
