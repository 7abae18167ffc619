/// What an audit entry records, as a dotted name (`key.create`). A struct rather than an enum so a
/// module can name a new action without a change here; the ones the server records are below.
public struct AuditAction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let keyCreate = AuditAction(rawValue: "key.create")
    public static let keyRevoke = AuditAction(rawValue: "key.revoke")
    public static let keyRotate = AuditAction(rawValue: "key.rotate")
    public static let routesApply = AuditAction(rawValue: "routes.apply")
    public static let routesRollback = AuditAction(rawValue: "routes.rollback")
    public static let promptPush = AuditAction(rawValue: "prompt.push")
    public static let promptLabel = AuditAction(rawValue: "prompt.label")
    public static let datasetImport = AuditAction(rawValue: "dataset.import")
    public static let datasetDelete = AuditAction(rawValue: "dataset.delete")
    public static let login = AuditAction(rawValue: "login")
    public static let loginFailed = AuditAction(rawValue: "login.failed")
    public static let logout = AuditAction(rawValue: "logout")
    public static let retentionRun = AuditAction(rawValue: "retention.run")
    public static let userErase = AuditAction(rawValue: "user.erase")
    public static let userExport = AuditAction(rawValue: "user.export")
    public static let secretSet = AuditAction(rawValue: "secret.set")
    public static let secretDelete = AuditAction(rawValue: "secret.delete")
    public static let secretRotateMaster = AuditAction(rawValue: "secret.rotate_master")
    public static let settingsChange = AuditAction(rawValue: "settings.change")
}
