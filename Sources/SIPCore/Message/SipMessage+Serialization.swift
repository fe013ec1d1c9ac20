/// Writing a message: unchanged parts are copied byte for byte, changed ones re-encoded.
extension SipMessage {
    /// The message as bytes ready to send.
    public func serialize() -> [UInt8] {
        if !isDirty { return Array(bytes[startLineRange.lowerBound..<bodyRange.upperBound]) }
        var out: [UInt8] = []
        out.reserveCapacity(serializedSize)
        serialize(into: &out)
        return out
    }

    /// The size of the serialized message (exact unless the start line was changed, then
    /// a little over), so that `serialize()` allocates its buffer once and no bigger than needed.
    var serializedSize: Int {
        var size = startLineModified || startLineRange.isEmpty ? Self.startLineAllowance : startLineRange.count
        if startLineModified || startLineRange.isEmpty {
            if isRequest, let cachedURI { size += cachedURI.description.utf8.count }
            if !isRequest { size += reasonPhrase.utf8.count }
        }
        for i in fields.indices {
            let number = fields[i].scalarTag == HeaderField.ScalarTag.intWritten
            let encoded = number ? nil : fieldEncoded(i)
            if number || encoded != nil {
                size += (fieldName(i) ?? fields[i].kind.canonicalName).utf8.count + 4
                    + (encoded?.count ?? Self.maxDecimalDigits)
            } else {
                size += fields[i].lineRange.count
            }
        }
        return size + 2 + (replacedBody?.count ?? bodyRange.count)
    }

    /// The most digits of a number kept in a field (a UInt32).
    private static var maxDecimalDigits: Int { 10 }

    /// Room for a start line written anew, besides its Request-URI or reason phrase.
    private static var startLineAllowance: Int { 64 }

    /// Appends the message's bytes to `out`.
    public func serialize(into out: inout [UInt8]) {
        if !isDirty {
            out.append(contentsOf: bytes[startLineRange.lowerBound..<bodyRange.upperBound])
            return
        }
        bytes.withUnsafeBufferPointer { received in
            if startLineModified || startLineRange.isEmpty {
                writeStartLine(to: &out)
                out.append(0x0d)
                out.append(0x0a)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: received[startLineRange]))
            }
            // Received lines that follow each other unchanged are copied as one run.
            var run = 0..<0
            for i in fields.indices {
                let line = fields[i].lineRange
                // A line the program set: written from its encoding, or from its number.
                let number = fields[i].scalarTag == HeaderField.ScalarTag.intWritten
                let encoded = number ? nil : fieldEncoded(i)
                if number || encoded != nil {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: received[run]))
                    run = 0..<0
                    out.appendUTF8(fieldName(i) ?? fields[i].kind.canonicalName)
                    out.append(UInt8(ascii: ":"))
                    out.append(0x20)
                    if let encoded { out.append(contentsOf: encoded) } else { out.appendDecimal(Int(fields[i].scalar)) }
                    out.append(0x0d)
                    out.append(0x0a)
                } else if run.upperBound == line.lowerBound && !run.isEmpty {
                    run = run.lowerBound..<line.upperBound
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: received[run]))
                    run = line
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: received[run]))
            out.append(0x0d)
            out.append(0x0a)
            if let replacedBody {
                out.append(contentsOf: replacedBody)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: received[bodyRange]))
            }
        }
    }

    private func writeStartLine(to out: inout [UInt8]) {
        if isRequest {
            out.append(contentsOf: storedMethod.name.utf8)
            out.append(0x20)
            if let cachedURI { cachedURI.write(to: &out) } else { out.append(contentsOf: bytes[uriRange]) }
            out.append(contentsOf: " SIP/2.0".utf8)
        } else {
            out.append(contentsOf: "SIP/2.0 ".utf8)
            out.append(contentsOf: String(storedStatusCode).utf8)
            out.append(0x20)
            out.append(contentsOf: reasonPhrase.utf8)
        }
    }
}
