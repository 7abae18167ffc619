import Foundation

/// What happened, before it is sealed into the chain.
public struct AuditRecord: Sendable, Hashable {
    /// A key id, `cli` or `system`.
    public var actor: String
    /// The project the action concerns; `*` for instance-wide actions (secrets, master key).
    public var project: String
    public var at: Date
    public var action: AuditAction
    /// What was acted on: a key id, a prompt name, a dataset name, a user id.
    public var target: String?
    /// A small JSON object of particulars. Never a secret.
    public var detail: JSONObject

    public init(actor: String, project: String, at: Date, action: AuditAction, target: String? = nil,
                detail: JSONObject = [:]) {
        self.actor = actor
        self.project = project
        self.at = Date(epochMicros: at.epochMicros)
        self.action = action
        self.target = target
        self.detail = detail
    }
}

/// One entry of the hash-chained audit log, as stored.
public struct AuditEntry: Sendable, Hashable {
    /// 1, 2, … without gaps, over every project: there is one chain per store.
    public var sequence: Int64
    public var actor: String
    public var project: String
    public var at: Date
    public var action: AuditAction
    public var target: String?
    /// The detail object in canonical JSON (keys sorted), exactly the bytes the hash covers.
    public var detailJSON: String
    /// The hash of the entry before (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 of `AuditChain.canonicalBytes(of:)`, 64 lowercase hex digits.
    public var hash: String

    public init(sequence: Int64, actor: String, project: String, at: Date, action: AuditAction, target: String?,
                detailJSON: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.actor = actor
        self.project = project
        self.at = at
        self.action = action
        self.target = target
        self.detailJSON = detailJSON
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The record sealed as entry `sequence` after `previousHash`.
    public init(sealing record: AuditRecord, sequence: Int64, previousHash: String) {
        self.init(sequence: sequence, actor: record.actor, project: record.project, at: record.at, action: record.action,
                  target: record.target, detailJSON: AuditChain.canonicalJSON(.object(record.detail)),
                  previousHash: previousHash, hash: "")
        hash = AuditChain.hash(of: self)
    }

    /// The detail object; an empty one when the stored text is not a JSON object (verification
    /// reports such a row as edited, since the hash covers the text).
    public var detail: JSONObject {
        guard let value = try? JSONParser.parse(detailJSON), case .object(let object) = value else { return JSONObject() }
        return object
    }
}

/// The newest entry's place in the chain, kept in a row of its own so that deleting entries from
/// the end of the log is noticed, and so PostgreSQL replicas serialize appends on one row lock.
public struct AuditHead: Sendable, Hashable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The head of an empty log.
    public static let genesis = AuditHead(sequence: 0, hash: AuditChain.genesisHash)
}
