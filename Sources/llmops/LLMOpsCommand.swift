import ArgumentParser

struct LLMOpsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmops",
        abstract: "A self-hosted LLMOps platform: OpenAI-compatible gateway, tracing, evaluation.",
        discussion: """
            Every command reads the same configuration: --config FILE (llmops.yaml) and --data-dir DIR,
            and every configuration key can be overridden by an LLMOPS_* environment variable
            (server.port → LLMOPS_SERVER_PORT, storage.url → LLMOPS_STORAGE_URL, …).
            """,
        subcommands: [ServeCommand.self, MigrateCommand.self, KeysCommand.self, RoutesCommand.self, PromptCommand.self,
                      DatasetCommand.self, EvalCommand.self, ScoreCommand.self, AuditCommand.self, SecretsCommand.self]
    )
}
