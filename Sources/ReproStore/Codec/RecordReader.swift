/// Decodes what `RecordWriter` wrote; every malformation is a thrown `RecordReader.Failure`.
struct RecordReader {
    /// Why a record could not be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let type: UInt8
    let version: UInt8
    private var fields: [UInt8: ArraySlice<UInt8>] = [:]

    init(_ bytes: [UInt8], expectedType: UInt8) throws {
        guard bytes.count >= 2 else { throw Failure(description: "record too short") }
        type = bytes[0]
        version = bytes[1]
        guard type == expectedType else {
            throw Failure(description: "record type \(type), expected \(expectedType)")
        }
        var i = 2
        while i < bytes.count {
            guard bytes.count - i >= 5 else { throw Failure(description: "truncated field header at byte \(i)") }
            let tag = bytes[i]
            let length = Int(bytes[i + 1]) | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) << 16 | Int(bytes[i + 4]) << 24
            i += 5
            guard length <= bytes.count - i else { throw Failure(description: "field \(tag) overruns the record") }
            fields[tag] = bytes[i..<(i + length)]
            i += length
        }
    }

    func string(_ tag: UInt8) throws -> String {
        guard let slice = fields[tag] else { return "" }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw Failure(description: "field \(tag) is not UTF-8")
        }
        return text
    }

    func requiredString(_ tag: UInt8, _ name: String) throws -> String {
        guard fields[tag] != nil else { throw Failure(description: "missing \(name)") }
        return try string(tag)
    }

    func bool(_ tag: UInt8, default value: Bool) throws -> Bool {
        guard let slice = fields[tag] else { return value }
        guard slice.count == 1 else { throw Failure(description: "field \(tag) is not a flag") }
        return slice.first != 0
    }

    func uint32(_ tag: UInt8) throws -> UInt32 {
        guard let slice = fields[tag] else { return 0 }
        guard slice.count == 4 else { throw Failure(description: "field \(tag) is not a 32-bit number") }
        return slice.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    func int32(_ tag: UInt8) throws -> Int32 { Int32(bitPattern: try uint32(tag)) }

    func bytes(_ tag: UInt8) -> [UInt8]? { fields[tag].map(Array.init) }
}
