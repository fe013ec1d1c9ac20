/// Writing a message: unchanged parts are copied byte for byte, changed ones re-encoded.
extension SipMessage {
    /// The message as bytes ready to send.
    public func serialize() -> [UInt8] {
        if !isDirty { return Array(bytes[startLineRange.lowerBound..<bodyRange.upperBound]) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        serialize(into: &out)
        return out
    }

    /// Appends the message's bytes to `out`.
    public func serialize(into out: inout [UInt8]) {
        if !isDirty {
            out.append(contentsOf: bytes[startLineRange.lowerBound..<bodyRange.upperBound])
            return
        }
        if startLineModified || startLineRange.isEmpty {
            writeStartLine(to: &out)
            out.append(0x0d)
            out.append(0x0a)
        } else {
            out.append(contentsOf: bytes[startLineRange])
        }
        for f in fields {
            if let e = f.encoded {
                if let n = f.name { out.append(contentsOf: n.utf8) } else { out.append(contentsOf: f.kind.canonicalName.utf8) }
                out.append(UInt8(ascii: ":"))
                out.append(0x20)
                out.append(contentsOf: e)
                out.append(0x0d)
                out.append(0x0a)
            } else {
                out.append(contentsOf: bytes[f.lineRange])
            }
        }
        out.append(0x0d)
        out.append(0x0a)
        if let replacedBody { out.append(contentsOf: replacedBody) } else { out.append(contentsOf: bytes[bodyRange]) }
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
