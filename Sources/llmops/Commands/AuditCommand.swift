import ArgumentParser
import Foundation
import OpsCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the hash-chained audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit log from its first entry and report the first tampered or missing one.",
            discussion: """
                Opens the store directly (like `llmops keys`). Prints "N entries, chain intact" and exits 0, or names \
                the first entry that was edited, deleted or re-chained and exits 1.
                """)
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let store = try await options.openStore()
            let outcome: Result<Int, AuditBreak>
            do {
                outcome = .success(try await store.verifyAuditChain())
            } catch let found as AuditBreak {
                outcome = .failure(found)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
            switch outcome {
            case .success(let count):
                print("\(count) \(count == 1 ? "entry" : "entries"), chain intact")
            case .failure(let found):
                print("audit chain broken at entry \(found.sequence): \(found.reason)")
                throw ExitCode(1)
            }
        }
    }
}
