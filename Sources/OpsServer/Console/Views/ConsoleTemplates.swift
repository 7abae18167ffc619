import Mustache

/// The console's Mustache templates. They are compiled into the binary rather than loaded from
/// a resource bundle so `llmops` stays one file that can be copied anywhere and still serve its
/// console. Each page renders into the `layout` template's `{{{body}}}`; everything else is
/// written with `{{ }}`, which HTML-escapes.
enum ConsoleTemplates {
    /// Every template by name.
    static var all: [String: String] {
        ["layout": layout, "login": login, "dashboard": dashboard, "traces": traces, "trace": trace, "message": message, "routes": routes,
         "problem": problem, "prompts": prompts, "prompt": prompt, "prompt-diff": promptDiff, "playground": playground,
         "datasets": datasets, "dataset": dataset, "experiments": experiments, "experiment": experiment,
         "experiment-compare": experimentCompare, "review-queues": reviewQueues, "review": review, "add-to-queue": addToQueue, "queue-notice": queueNotice,
         "audit": audit]
    }

    /// A library with every template parsed; throws on a template syntax error (a test checks it does not).
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }
}
