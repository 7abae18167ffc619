import Hummingbird
import OpsCore

extension RouteCatalog.Group {
    /// Serves the OpenAPI document of the catalog at `path` (no key: it holds no project data).
    /// Register it last; the document is built once, on the first request, when every route is in.
    func serveOpenAPIDocument(at path: String) {
        let catalog = self.catalog
        let document = OpenAPIDocumentCache()
        get(path, .open, HealthDocs.openAPI) { _, _ in
            JSONResponse.make(body: document.bytes { OpenAPIDocument.make(catalog.routes).serialized() })
        }
    }
}
