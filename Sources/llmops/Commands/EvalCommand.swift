import ArgumentParser

/// `llmops eval …`: experiments over a dataset version, with a CI gate, and comparisons of stored runs.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run experiments over datasets, compare runs, and gate CI on their scores.",
        discussion: EvalExit.help,
        subcommands: [Run.self, Compare.self]
    )
}
