import Hummingbird
import OpsCore

/// Turns what a console page throws into an HTML page inside the layout, with the status and the
/// message the API would give (`HTTPErrorMapping` decides both), so a browser never sees a JSON
/// error body. Runs after `ConsoleAuthMiddleware`, so the signed-in key is known.
struct ConsoleErrorPage: RouterMiddleware {
    typealias Context = OpsRequestContext
    let renderer: ConsoleRenderer

    struct ProblemView {
        var heading: String
        var message: String
        var field: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = HTTPErrorMapping.opsError(from: error)
            let status = HTTPErrorMapping.status(for: problem)
            let view = ProblemView(heading: Self.heading(status.code), message: problem.message, field: problem.param)
            return renderer.page("problem", view: view, title: view.heading, key: context.key, status: status)
        }
    }

    static func heading(_ code: Int) -> String {
        switch code {
        case 400: return "That request was not valid"
        case 403: return "Not allowed"
        case 404: return "Not found"
        case 409: return "Someone got there first"
        case 413: return "Too large"
        case 429: return "Slow down"
        default: return code >= 500 ? "Something went wrong" : "Request refused"
        }
    }
}
