/// One metadata value of a GGUF file, covering all thirteen GGUF value types.
public indirect enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16)
    case uint32(UInt32), int32(Int32), uint64(UInt64), int64(Int64)
    case float32(Float), float64(Double)
    case bool(Bool)
    case string(String)
    case array([GGUFValue])

    /// The value as an integer, when it is any integer type.
    public var int: Int? {
        switch self {
        case .uint8(let v): return Int(v)
        case .int8(let v): return Int(v)
        case .uint16(let v): return Int(v)
        case .int16(let v): return Int(v)
        case .uint32(let v): return Int(v)
        case .int32(let v): return Int(v)
        case .uint64(let v): return Int(exactly: v)
        case .int64(let v): return Int(v)
        default: return nil
        }
    }

    /// The value as a floating-point number, when it is numeric.
    public var double: Double? {
        switch self {
        case .float32(let v): return Double(v)
        case .float64(let v): return v
        default: return int.map(Double.init)
        }
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var array: [GGUFValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Reads one value of GGUF type `typeID` at the cursor.
    static func read(type typeID: UInt32, from cursor: inout ByteCursor, depth: Int = 0) throws -> GGUFValue {
        switch typeID {
        case 0: return .uint8(try cursor.read(UInt8.self))
        case 1: return .int8(try cursor.read(Int8.self))
        case 2: return .uint16(try cursor.read(UInt16.self))
        case 3: return .int16(try cursor.read(Int16.self))
        case 4: return .uint32(try cursor.read(UInt32.self))
        case 5: return .int32(try cursor.read(Int32.self))
        case 6: return .float32(try cursor.readFloat())
        case 7:
            let start = cursor.offset
            let raw = try cursor.read(UInt8.self, "bool")
            guard raw <= 1 else { throw cursor.corrupt("bool value \(raw) is neither 0 nor 1", at: start) }
            return .bool(raw == 1)
        case 8: return .string(try cursor.readString())
        case 9:
            let start = cursor.offset
            guard depth < 4 else { throw cursor.corrupt("arrays nested too deeply", at: start) }
            let elementType = try cursor.read(UInt32.self, "array element type")
            // Every element takes at least one byte, which bounds a corrupt count.
            let count = try cursor.readCount("array length", maxCount: cursor.remaining)
            var values: [GGUFValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                values.append(try read(type: elementType, from: &cursor, depth: depth + 1))
            }
            return .array(values)
        case 10: return .uint64(try cursor.read(UInt64.self))
        case 11: return .int64(try cursor.read(Int64.self))
        case 12: return .float64(try cursor.readDouble())
        default:
            throw cursor.corrupt("unknown metadata value type \(typeID)", at: cursor.offset - 4)
        }
    }
}
