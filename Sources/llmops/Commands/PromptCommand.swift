import ArgumentParser
import Foundation
import OpsCore
import OpsServer

/// `llmops prompt …`: the prompt registry of a running server.
struct PromptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Push, fetch, label and diff prompt versions in the server's registry.",
        discussion: """
            These commands talk to a running `llmops serve` (--url, default $LLMOPS_URL or http://127.0.0.1:8080) \
            with an API key (--api-key, default $LLMOPS_API_KEY); the key's project scopes them.
            """,
        subcommands: [Push.self, Get.self, Label.self, Diff.self, List.self]
    )

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a prompt file as the prompt's next version.",
            discussion: """
                FILE is YAML (or JSON): name, type (chat|text), messages or text, config, commit_message, labels.
                  name: support
                  type: chat
                  messages:
                    - {role: system, content: "You answer for {{company}}."}
                    - {role: user, content: "{{question}}"}
                  config: {model: gpt-4o-mini, temperature: 0.2}
                  labels: [staging]
                """)
        @OptionGroup var server: ServerOptions
        @Argument(help: "The prompt file (YAML or JSON).") var file: String
        @Option(name: .customLong("label"), help: "Also point this label at the new version (repeatable).")
        var labels: [String] = []

        func run() async throws {
            let text = try readFile(file)
            var json = try YAMLDocument.parse(text, source: file)
            if !labels.isEmpty, case .object(var object) = json {
                let existing = object["labels"].map { $0.arrayValue ?? [$0] } ?? []
                object["labels"] = .array(existing + labels.map { .string($0) })
                json = .object(object)
            }
            let version = try await server.client().json(.POST, "/api/prompts", body: json)
            let labelText = version["labels"]?.arrayValue?.compactMap(\.stringValue) ?? []
            print("Pushed \(version["name"]?.stringValue ?? "?") version \(version["version"]?.intValue ?? 0)"
                  + (labelText.isEmpty ? "" : " (labels: \(labelText.joined(separator: ", ")))"))
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a version: NAME (newest), NAME@LABEL or NAME@VERSION.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "NAME, NAME@LABEL or NAME@VERSION.") var reference: String
        @Flag(help: "Print the version as the API returns it (JSON).") var json = false

        func run() async throws {
            let parsed: PromptReference
            do { parsed = try PromptReference(parsing: reference) } catch { throw ValidationError(error.message) }
            let version = try await server.client().json(.GET, "/api/prompts/" + LLMOpsClient.segment(parsed.description))
            if json {
                print(version.serializedString())
                return
            }
            print(PromptText.describe(version))
        }
    }

    struct Label: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point LABEL of a prompt at VERSION (a release; pointing it back is a rollback).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "The prompt name.") var name: String
        @Argument(help: "The version number.") var version: Int
        @Argument(help: "The label (production, staging, …).") var label: String

        func run() async throws {
            let path = "/api/prompts/\(LLMOpsClient.segment(name))/labels/\(LLMOpsClient.segment(label))"
            let move = try await server.client().json(.PUT, path, body: ["version": .int(Int64(version))])
            let from = move["from"]?.intValue.map(String.init) ?? "(new)"
            let rollback = move["rollback"]?.boolValue == true ? " (rollback)" : ""
            print("\(name)@\(label): \(from) -> \(move["to"]?.intValue ?? version)\(rollback)")
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what changed between two versions (unified diff and config).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "The prompt name.") var name: String
        @Argument(help: "The older version.") var from: Int
        @Argument(help: "The newer version.") var to: Int

        func run() async throws {
            let diff = try await server.client().json(.GET, "/api/prompts/\(LLMOpsClient.segment(name))/diff?from=\(from)&to=\(to)")
            if diff["identical"]?.boolValue == true {
                print("\(name)@\(from) and \(name)@\(to) are identical")
            } else {
                print(diff["unified"]?.stringValue ?? "", terminator: "")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the project's prompts, their newest version and labels.")
        @OptionGroup var server: ServerOptions

        func run() async throws {
            let list = try await server.client().json(.GET, "/api/prompts")
            print("NAME".padded(32) + " LATEST  LABELS")
            for prompt in list["data"]?.arrayValue ?? [] {
                let labels = (prompt["labels"]?.objectValue ?? JSONObject())
                    .map { "\($0.key)=\($0.value.intValue ?? 0)" }.joined(separator: " ")
                print((prompt["name"]?.stringValue ?? "").padded(32) + " "
                      + String(prompt["latest_version"]?.intValue ?? 0).padded(7) + " " + labels)
            }
        }
    }
}

func readFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError("cannot read \(path): no such file or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) is not UTF-8 text") }
    return text
}
