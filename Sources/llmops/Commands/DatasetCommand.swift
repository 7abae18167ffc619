import ArgumentParser
import Foundation
import OpsCore

/// `llmops dataset …`: versioned datasets of a running server.
struct DatasetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Import, export, list and show versioned datasets in the server.",
        discussion: """
            These commands talk to a running `llmops serve` (--url, default $LLMOPS_URL or http://127.0.0.1:8080) \
            with an API key (--api-key, default $LLMOPS_API_KEY); the key's project scopes them.

            A version is named by its content hash: NAME is the newest version, NAME@HASH (6+ hex digits) an exact one.
            """,
        subcommands: [Import.self, Export.self, List.self, Show.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a JSONL or CSV file as a new version of a dataset (all lines or none).",
            discussion: """
                JSONL: one {"input", "expected_output"?, "metadata"?} object per line.
                CSV: a header with input (or var.NAME columns), expected_output, metadata.KEY.
                A bad line fails the whole import, naming the line and the field.
                """)
        @OptionGroup var server: ServerOptions
        @Argument(help: "The dataset name.") var name: String
        @Argument(help: "The file (.jsonl, .ndjson or .csv).") var file: String
        @Option(help: "jsonl or csv (default: from the file name).") var format: DatasetImporter.Format?
        @Option(help: "Why this version was made.") var message: String?

        func run() async throws {
            guard let format = format ?? DatasetImporter.Format(fileName: file) else {
                throw ValidationError("cannot tell the format of '\(file)' from its name; pass --format jsonl or --format csv")
            }
            let text = try readFile(file)
            var path = "/api/datasets/\(LLMOpsClient.segment(name))?format=\(format.rawValue)"
            if let message { path += "&message=" + LLMOpsClient.query(message) }
            let contentType = format == .csv ? "text/csv" : "application/jsonl"
            let version = try await server.client().send(.POST, path, body: Array(text.utf8), contentType: contentType).json()
            let created = version["created"]?.boolValue == true ? "new version" : "unchanged: same content as before"
            print("Imported \(version["item_count"]?.intValue ?? 0) items into "
                  + "\(name)@\(version["short_hash"]?.stringValue ?? "?") (\(created))")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a version's items to stdout (or --output) as JSONL or CSV.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "NAME (newest version) or NAME@HASH.") var reference: String
        @Option(help: "jsonl (default) or csv.") var format: DatasetImporter.Format = .jsonl
        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?

        func run() async throws {
            let path = "/api/datasets/\(LLMOpsClient.segment(reference))/export?format=\(format.rawValue)"
            let reply = try await server.client().send(.GET, path)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(reply.body)) else {
                    throw CLIError("cannot write \(output)")
                }
                FileHandle.standardError.write(Data("Wrote \(output) (\(reply.headers.first(name: "x-llmops-dataset-version")?.prefix(12) ?? ""))\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(reply.body))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the project's datasets with their newest version.")
        @OptionGroup var server: ServerOptions

        func run() async throws {
            let list = try await server.client().json(.GET, "/api/datasets")
            print("DATASET".padded(32) + " VERSION      ITEMS   CREATED")
            for version in list["data"]?.arrayValue ?? [] {
                print(DatasetText.row(version, first: version["dataset"]?.stringValue ?? ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a dataset's versions and the first items of NAME or NAME@HASH.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "NAME (newest version) or NAME@HASH.") var reference: String
        @Option(help: "How many items to print.") var limit: Int = 5

        func run() async throws {
            let client = try server.client()
            let name = String(reference.split(separator: "@", maxSplits: 1).first ?? "")
            let version = try await client.json(.GET, "/api/datasets/" + LLMOpsClient.segment(reference))
            let versions = try await client.json(.GET, "/api/datasets/\(LLMOpsClient.segment(name))/versions")
            print("VERSION".padded(32) + " VERSION      ITEMS   CREATED")
            for summary in versions["data"]?.arrayValue ?? [] {
                let current = summary["hash"] == version["hash"] ? "* " : "  "
                print(DatasetText.row(summary, first: current + (summary["message"]?.stringValue ?? "")))
            }
            let items = version["items"]?.arrayValue ?? []
            print("\n\(name)@\(version["short_hash"]?.stringValue ?? "?"): \(items.count) items")
            for item in items.prefix(max(limit, 0)) { print(item.serializedString()) }
            if items.count > limit { print("… \(items.count - limit) more (llmops dataset export \(reference))") }
        }
    }
}

extension DatasetImporter.Format: ExpressibleByArgument {}

/// One line of a dataset listing.
enum DatasetText {
    static func row(_ summary: JSONValue, first: String) -> String {
        String(first.prefix(32)).padded(32) + " " + (summary["short_hash"]?.stringValue ?? "").padded(12) + " "
            + String(summary["item_count"]?.intValue ?? 0).padded(7) + " " + (summary["created_at"]?.stringValue ?? "")
    }
}
