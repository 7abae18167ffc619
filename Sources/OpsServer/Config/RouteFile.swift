import Foundation
import OpsGateway
import Yams

/// A file of routes for `llmops routes apply`: `routes:` in the shape of llmops.yaml (YAML or JSON).
public enum RouteFile {
    public static func load(path: String) throws -> [RouteConfig] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(path, "cannot read the file")
        }
        let document: Any?
        do { document = try Yams.load(yaml: text) } catch {
            throw ConfigError(path, "invalid YAML: \(error)")
        }
        return try RouteConfigReader.read(document: document)
    }
}
