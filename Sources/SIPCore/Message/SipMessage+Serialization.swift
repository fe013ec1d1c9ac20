/// Writing a message: unchanged parts are copied byte for byte, changed ones re-encoded.
extension SipMessage {
    /// The message as bytes ready to send.
    ///
    /// The size is worked out first and the message is copied into one buffer of exactly
    /// that size, run by run (received lines that follow each other unchanged are one run),
    /// with no growth check per piece.
    public func serialize() -> [UInt8] {
        if !isDirty { return Array(bytes[startLineRange.lowerBound..<bodyRange.upperBound]) }
        // A start line written anew: a response's status line is sized and written in
        // place (every response the stack makes has one); a request line, whose URI only
        // its writer can size, goes into a small buffer of its own first.
        var newStartLine: [UInt8]?
        var statusLineSize = 0
        if startLineModified || startLineRange.isEmpty {
            if !isRequest, storedStatusCode >= 0 {
                statusLineSize = Self.statusLinePrefix.utf8CodeUnitCount + DecimalText.width(UInt(storedStatusCode))
                    + 1 + reasonPhrase.utf8.count + 2
            } else {
                var line: [UInt8] = []
                line.reserveCapacity(Self.startLineAllowance)
                writeStartLine(to: &line)
                line.append(0x0d)
                line.append(0x0a)
                newStartLine = line
            }
        }
        let size = serializedSize(startLineSize: statusLineSize > 0 ? statusLineSize
                                                   : newStartLine?.count ?? startLineRange.count)
        return bytes.withUnsafeBufferPointer { received in
            [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                var out = MessageWriter(buffer)
                if statusLineSize > 0 {
                    out.put(Self.statusLinePrefix)
                    out.putDecimal(storedStatusCode)
                    out.put(0x20)
                    out.put(reasonPhrase)
                    out.put(0x0d, 0x0a)
                } else if let newStartLine {
                    newStartLine.withUnsafeBufferPointer { out.put($0) }
                } else {
                    out.put(UnsafeBufferPointer(rebasing: received[startLineRange]))
                }
                var run = 0..<0
                for i in fields.indices {
                    let line = fields[i].lineRange
                    // A line the program set: written from its encoding, or from its number.
                    let number = fields[i].scalarTag == HeaderField.ScalarTag.intWritten
                    let encoded = number ? nil : fieldEncoded(i)
                    if number || encoded != nil {
                        out.put(UnsafeBufferPointer(rebasing: received[run]))
                        run = 0..<0
                        out.put(fieldName(i) ?? fields[i].kind.canonicalName)
                        out.put(UInt8(ascii: ":"), 0x20)
                        if let encoded {
                            encoded.withUnsafeBufferPointer { out.put($0) }
                        } else {
                            out.putDecimal(Int(fields[i].scalar))
                        }
                        out.put(0x0d, 0x0a)
                    } else if run.upperBound == line.lowerBound && !run.isEmpty {
                        run = run.lowerBound..<line.upperBound
                    } else {
                        out.put(UnsafeBufferPointer(rebasing: received[run]))
                        run = line
                    }
                }
                out.put(UnsafeBufferPointer(rebasing: received[run]))
                out.put(0x0d, 0x0a)
                if let replacedBody {
                    replacedBody.withUnsafeBufferPointer { out.put($0) }
                } else {
                    out.put(UnsafeBufferPointer(rebasing: received[bodyRange]))
                }
                initialized = out.count
            }
        }
    }

    /// Appends the message's bytes to `out`.
    public func serialize(into out: inout [UInt8]) {
        if out.isEmpty {
            out = serialize()
        } else {
            out.append(contentsOf: serialize())
        }
    }

    /// The exact size of the serialized message, its start line being `startLineSize` bytes.
    private func serializedSize(startLineSize: Int) -> Int {
        var size = startLineSize
        for i in fields.indices {
            if fields[i].scalarTag == HeaderField.ScalarTag.intWritten {
                size += (fieldName(i) ?? fields[i].kind.canonicalName).utf8.count + 4
                    + DecimalText.width(UInt(fields[i].scalar))
            } else if let encoded = fieldEncoded(i) {
                size += (fieldName(i) ?? fields[i].kind.canonicalName).utf8.count + 4 + encoded.count
            } else {
                size += fields[i].lineRange.count
            }
        }
        return size + 2 + (replacedBody?.count ?? bodyRange.count)
    }

    /// Room for a request line written anew.
    private static var startLineAllowance: Int { 96 }

    /// What a status line starts with (RFC 3261 §7.2).
    private static var statusLinePrefix: StaticString { "SIP/2.0 " }

    private func writeStartLine(to out: inout [UInt8]) {
        if isRequest {
            out.append(contentsOf: storedMethod.name.utf8)
            out.append(0x20)
            if let cachedURI { cachedURI.write(to: &out) } else { out.append(contentsOf: bytes[uriRange]) }
            out.append(contentsOf: " SIP/2.0".utf8)
        } else {
            out.append(contentsOf: "SIP/2.0 ".utf8)
            // Reached only for a negative code a program set (any other is written in place).
            out.append(contentsOf: String(storedStatusCode).utf8)
            out.append(0x20)
            out.append(contentsOf: reasonPhrase.utf8)
        }
    }
}
