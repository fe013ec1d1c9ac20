/// Encodes one stored record: a type byte, a schema version, then tagged fields.
///
/// Layout: `type:u8 version:u8 (tag:u8 length:u32le bytes)*`. Tags make the
/// format tolerant: a reader skips tags it does not know, and the version
/// tells a newer repro which migration an older record needs.
struct RecordWriter {
    private(set) var bytes: [UInt8]

    init(type: UInt8, version: UInt8) {
        bytes = [type, version]
        bytes.reserveCapacity(256)
    }

    mutating func write(_ tag: UInt8, _ value: String) {
        let utf8 = value.utf8
        writeHeader(tag, utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func write(_ tag: UInt8, _ value: Bool) {
        writeHeader(tag, 1)
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ tag: UInt8, _ value: UInt32) {
        writeHeader(tag, 4)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ tag: UInt8, _ value: Int32) {
        write(tag, UInt32(bitPattern: value))
    }

    mutating func write(_ tag: UInt8, _ value: [UInt8]) {
        writeHeader(tag, value.count)
        bytes.append(contentsOf: value)
    }

    private mutating func writeHeader(_ tag: UInt8, _ length: Int) {
        bytes.append(tag)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian) { bytes.append(contentsOf: $0) }
    }
}
