import HTTPTypes
import Hummingbird
import NIOCore
import OpsCore

/// The datasets API, scoped to the key's project: list, import a JSONL or CSV file atomically
/// (developer+), read a version's items (`NAME` or `NAME@HASH`), list versions, export.
struct DatasetsController {
    let services: GatewayServices

    /// Dataset files may be larger than chat bodies.
    var importLimit: Int { max(services.config.server.maxBodyBytes, 64 << 20) }

    /// `GET /api/datasets`: each dataset's newest version.
    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let datasets = try await services.store.datasets(project: key.project)
        return JSONResponse.make(["object": "list", "data": .array(datasets.map(\.apiJSON))])
    }

    /// `POST /api/datasets/{name}`: the body is the file; the format comes from `?format=` or the
    /// Content-Type. A bad line is a 400 naming the line and field, and nothing is stored.
    /// 201 with the new version, or 200 when a version with the same content already existed.
    func importFile(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let name = try Self.name(context.parameters.require("name"))
        let format = try Self.format(request)
        let text = try await RequestText.read(request, limit: importLimit)
        let items = try DatasetImporter.parse(text, format: format)
        guard !items.isEmpty else {
            throw OpsError.invalid("The file holds no items", param: "body", code: "invalid_dataset")
        }
        let message = request.uri.queryParameters.get("message") ?? "imported \(items.count) items (\(format.rawValue))"
        return try await store(items, name: name, message: message, key: key)
    }

    /// `GET /api/datasets/{name}`: a version with its items.
    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let version = try await services.store.resolve(context.parameters.require("name"), project: key.project)
        var json = DatasetVersionSummary(version).apiJSON.objectValue ?? JSONObject()
        json["items"] = .array(version.items.map(\.json))
        return JSONResponse.make(.object(json))
    }

    /// `GET /api/datasets/{name}/versions`, oldest first.
    func versions(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try Self.name(context.parameters.require("name"))
        let versions = try await services.store.versions(project: key.project, dataset: name)
        guard !versions.isEmpty else {
            throw OpsError(.notFound, "No dataset named '\(name)'", param: "dataset", code: "dataset_not_found")
        }
        return JSONResponse.make(["object": "list", "data": .array(versions.map(\.apiJSON))])
    }

    /// `GET /api/datasets/{name}/export?format=jsonl|csv` (JSONL by default).
    func export(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let version = try await services.store.resolve(context.parameters.require("name"), project: key.project)
        let format = try request.uri.queryParameters.get("format").map(Self.format(named:)) ?? .jsonl
        let text = DatasetExporter.export(version.items, format: format)
        var headers: HTTPFields = [.contentType: format == .csv ? "text/csv; charset=utf-8" : "application/jsonl"]
        headers[Self.versionHeader] = version.hash
        headers[.contentDisposition] = "attachment; filename=\"\(version.dataset)@\(version.shortHash).\(format.rawValue)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let versionHeader = HTTPField.Name("x-llmops-dataset-version")!

    /// Stores `items` as a version of `name`: 201 when new, 200 when the same content existed.
    func store(_ items: [DatasetItem], name: String, message: String, key: APIKey) async throws -> Response {
        let hash = DatasetVersion.contentHash(of: items)
        let existed = try await services.store.version(project: key.project, dataset: name, hash: hash) != nil
        let version = try await services.store.createVersion(project: key.project, dataset: name, items: items,
                                                             author: key.id, message: message)
        await services.audit.record(.datasetImport, by: key, target: name,
                                    detail: ["version": .string(version.hash), "items": .int(Int64(items.count)),
                                             "created": .bool(!existed), "message": .string(message)])
        var json = DatasetVersionSummary(version).apiJSON.objectValue ?? JSONObject()
        json["created"] = .bool(!existed)
        return JSONResponse.make(.object(json), status: existed ? .ok : .created)
    }

    static func name(_ path: String) throws(OpsError) -> String {
        try Prompt.validateName(path, param: "dataset", what: "dataset")
        return path
    }

    /// `?format=` wins; otherwise the Content-Type (`text/csv`, `application/jsonl`, `application/x-ndjson`).
    static func format(_ request: Request) throws(OpsError) -> DatasetImporter.Format {
        if let name = request.uri.queryParameters.get("format") { return try format(named: name) }
        let type = (request.headers[.contentType] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "text/csv", "application/csv": return .csv
        case "application/jsonl", "application/x-ndjson", "application/ndjson", "application/jsonlines",
             "application/x-jsonlines", "application/json-lines":
            return .jsonl
        default:
            throw .invalid("Say which format the file is in: ?format=jsonl or ?format=csv, or Content-Type text/csv "
                           + "or application/jsonl" + (type.isEmpty ? "" : " (got '\(type)')"), param: "format")
        }
    }

    static func format(named name: String) throws(OpsError) -> DatasetImporter.Format {
        guard let format = DatasetImporter.Format(rawValue: name.lowercased()) else {
            throw .invalid("format must be jsonl or csv, got '\(name)'", param: "format")
        }
        return format
    }
}
