import HTTPTypes
import Hummingbird

/// Every endpoint of the server with its access and its description. Routes are registered on
/// the router only through a catalog group, so none can be missing from the OpenAPI document or
/// the authorization matrix (a test also compares the list with the router's own).
final class RouteCatalog: @unchecked Sendable {
    /// The routes in the order they were registered. Only written while `Routes.register` runs.
    private(set) var routes: [APIRoute] = []

    /// A group of routes under `prefix` (`""`, `/v1`, `/api`) behind `middleware`, in order.
    /// Paths given to the group are relative to the prefix, without a leading slash.
    func group(_ prefix: String, on router: Router<OpsRequestContext>,
               middleware: [any MiddlewareProtocol<Request, Response, OpsRequestContext>] = []) -> Group {
        var group = router.group(RouterPath(prefix))
        for m in middleware { group = group.add(middleware: m) }
        return Group(catalog: self, prefix: prefix, router: group)
    }

    fileprivate func append(_ route: APIRoute) { routes.append(route) }

    typealias Handler = @Sendable (Request, OpsRequestContext) async throws -> Response

    /// Routes sharing a path prefix and middleware.
    struct Group {
        let catalog: RouteCatalog
        fileprivate let prefix: String
        fileprivate let router: RouterGroup<OpsRequestContext>

        func get(_ path: String, _ access: RouteAccess, _ operation: APIOperation, use handler: @escaping Handler) {
            on(.get, path, access, operation, handler)
        }

        func post(_ path: String, _ access: RouteAccess, _ operation: APIOperation, use handler: @escaping Handler) {
            on(.post, path, access, operation, handler)
        }

        func put(_ path: String, _ access: RouteAccess, _ operation: APIOperation, use handler: @escaping Handler) {
            on(.put, path, access, operation, handler)
        }

        func delete(_ path: String, _ access: RouteAccess, _ operation: APIOperation, use handler: @escaping Handler) {
            on(.delete, path, access, operation, handler)
        }

        private func on(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, _ operation: APIOperation,
                        _ handler: @escaping Handler) {
            catalog.append(APIRoute(method: method, path: prefix + "/" + path, access: access, operation: operation))
            let relative = RouterPath(path)
            switch access {
            case .key(let role):
                router.on(relative, method: method) { request, context in
                    _ = try context.require(role)
                    return try await handler(request, context)
                }
            case .open, .gateway:
                router.on(relative, method: method, use: handler)
            }
        }
    }
}
