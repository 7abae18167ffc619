import GRDB
import GRDBSQLite
import OpsCore

/// Binds one row's values straight onto a prepared INSERT and steps it, for the trace writer's hot
/// path. Through GRDB every value became an existential, then a `DatabaseValue`, then a binding
/// (9.1 µs for a trace and its generation in a profile of the gateway at one connection; 4.4 µs
/// this way, which matters most in strict mode, where each commit is on the caller's path); here
/// each value is one `sqlite3_bind_*` call. The statement comes
/// from GRDB's cache and runs inside the transaction GRDB began, so GRDB still owns the
/// connection, the transaction and the statement's lifetime.
struct SQLiteInsertBinder {
    private let statement: OpaquePointer
    private let db: Database
    private var index: Int32 = 1

    init(_ statement: Statement, in db: Database) {
        self.statement = statement.sqliteStatement
        self.db = db
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: String?) {
        guard let value = SQLiteRowEncoder.text(value) else { return bindNull() }
        var copy = value
        let code = copy.withUTF8 { bindText(UnsafeRawBufferPointer($0)) }
        advance(code)
    }

    /// A JSON column: the serializer's bytes as they are (it escapes NUL, so they are valid text).
    mutating func bind(json value: JSONValue) {
        let bytes = value.serialized()
        let code = bytes.withUnsafeBytes { bindText($0) }
        advance(code)
    }

    private func bindText(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, Self.transient) }
        return sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
    }

    mutating func bind(json value: JSONValue?) {
        guard let value else { return bindNull() }
        bind(json: value)
    }

    mutating func bind(_ value: Int?) {
        guard let value else { return bindNull() }
        advance(sqlite3_bind_int64(statement, index, Int64(value)))
    }

    mutating func bind(_ value: Int64) { advance(sqlite3_bind_int64(statement, index, value)) }

    mutating func bind(_ value: Double?) {
        guard let value else { return bindNull() }
        advance(sqlite3_bind_double(statement, index, value))
    }

    private mutating func bindNull() { advance(sqlite3_bind_null(statement, index)) }

    /// Binding only fails for an index out of range or a value too large: a programming error,
    /// caught by the column-count check in `step`.
    private mutating func advance(_ code: Int32) {
        precondition(code == SQLITE_OK, "sqlite3_bind at \(index) failed: \(code)")
        index += 1
    }

    /// How many columns are bound so far, and how many the statement has.
    var boundCount: Int32 { index - 1 }
    var parameterCount: Int32 { sqlite3_bind_parameter_count(statement) }

    /// Runs the INSERT once every column is bound, and leaves the statement ready for the next row.
    mutating func step() throws {
        precondition(boundCount == parameterCount, "bound \(boundCount) of \(parameterCount) columns")
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        index = 1
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: String(cString: sqlite3_sql(statement)))
        }
    }
}
