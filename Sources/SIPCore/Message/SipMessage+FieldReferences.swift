/// The table of what header fields refer to (`HeaderField.References`): a field's cached
/// typed object or `String`, its encoding when the program set it, the name of a field added by name.
/// A field finds its entry through `HeaderField.slot`.
extension SipMessage {
    /// Entries the table starts with, so that the few lines a request's handling reads
    /// and changes fit the first allocation.
    @usableFromInline static var referencesCapacity: Int { 8 }

    /// The encoding of field `i` when it was created or changed by the program.
    @inlinable func fieldEncoded(_ i: Int) -> [UInt8]? {
        let slot = Int(fields[i].slot)
        return slot == 0 ? nil : fieldReferences[slot - 1].encoded
    }

    /// The name of field `i` when it was added by name.
    @usableFromInline func fieldName(_ i: Int) -> String? {
        let slot = Int(fields[i].slot)
        return slot == 0 ? nil : fieldReferences[slot - 1].name
    }

    /// A new entry in the table; returns its slot number (1-based).
    @usableFromInline func addReferences(_ references: consuming HeaderField.References) -> UInt16 {
        if fieldReferences.capacity == 0 {
            fieldReferences.reserveCapacity(Self.referencesCapacity)
        } else if fieldReferences.count >= Int(UInt16.max) - 1 {
            compactReferences()
        }
        fieldReferences.append(references)
        return UInt16(fieldReferences.count)
    }

    /// The value field `i` is written from when the program set it: its encoding, or the
    /// decimal of a number kept in the field (`ScalarTag.intWritten`); nil for a received line.
    @usableFromInline func fieldWritten(_ i: Int) -> [UInt8]? {
        if fields[i].scalarTag == HeaderField.ScalarTag.intWritten {
            var digits: [UInt8] = []
            digits.appendDecimal(Int(fields[i].scalar))
            return digits
        }
        return fieldEncoded(i)
    }

    /// Gives a field written from its number (`ScalarTag.intWritten`) that encoding instead,
    /// before what it caches changes.
    @usableFromInline func encodeWrittenNumber(_ i: Int) {
        guard fields[i].scalarTag == HeaderField.ScalarTag.intWritten, let digits = fieldWritten(i) else { return }
        fields[i].scalarTag = HeaderField.ScalarTag.int
        setFieldEncoded(i, digits)
    }

    /// Sets field `i` to the number `value`, written as its decimal: a line changed without
    /// an encoding to allocate (see `ScalarTag.intWritten`).
    @inlinable func setFieldNumber(_ i: Int, _ value: UInt32) {
        let slot = Int(fields[i].slot)
        if slot != 0 { fieldReferences[slot - 1] = HeaderField.References(name: fieldReferences[slot - 1].name) }
        fields[i].scalarTag = HeaderField.ScalarTag.intWritten
        fields[i].scalar = value
    }

    /// Sets what field `i` caches: an object, or a value held in the field itself.
    @inlinable func setFieldCache(_ i: Int, _ cache: HeaderFieldCache?, scalarTag: UInt8, scalar: UInt32) {
        if fields[i].scalarTag == HeaderField.ScalarTag.intWritten { encodeWrittenNumber(i) }
        let slot = Int(fields[i].slot)
        if slot != 0 {
            fieldReferences[slot - 1].cache = cache
            fieldReferences[slot - 1].text = nil
        } else if let cache {
            fields[i].slot = addReferences(HeaderField.References(cache: cache))
        }
        fields[i].scalarTag = scalarTag
        fields[i].scalar = scalar
    }

    /// Caches `text` as the value of field `i`, a line holding one `String`.
    @inlinable func setFieldText(_ i: Int, _ text: String) {
        if fields[i].scalarTag == HeaderField.ScalarTag.intWritten { encodeWrittenNumber(i) }
        let slot = Int(fields[i].slot)
        if slot != 0 {
            fieldReferences[slot - 1].text = text
            fieldReferences[slot - 1].cache = nil
        } else {
            fields[i].slot = addReferences(HeaderField.References(text: text))
        }
        fields[i].scalarTag = HeaderField.ScalarTag.none
        fields[i].scalar = 0
    }

    /// Sets the encoding field `i` is written from.
    @inlinable func setFieldEncoded(_ i: Int, _ encoded: [UInt8]) {
        let slot = Int(fields[i].slot)
        if slot != 0 {
            fieldReferences[slot - 1].encoded = encoded
        } else {
            fields[i].slot = addReferences(HeaderField.References(encoded: encoded))
        }
    }

    /// A field created by the program: `encoded` is its value, `name` its name when added by name.
    @usableFromInline func makeField(kind: KnownHeader, name: String?, encoded: [UInt8]) -> HeaderField {
        HeaderField(kind: kind, slot: addReferences(HeaderField.References(name: name, encoded: encoded)))
    }

    /// A field created by the program with its typed values already known.
    @inlinable func makeField<T>(kind: KnownHeader, encoded: [UInt8], values: FieldValues<T>) -> HeaderField {
        if let s = values.scalar {
            var f = makeField(kind: kind, name: nil, encoded: encoded)
            f.scalarTag = s.tag
            f.scalar = s.value
            return f
        }
        if T.self == String.self, values.rest.isEmpty {
            return HeaderField(kind: kind, slot: addReferences(
                HeaderField.References(text: values.first as? String, encoded: encoded)))
        }
        return HeaderField(kind: kind,
                           slot: addReferences(HeaderField.References(cache: values.cache, encoded: encoded)))
    }

    /// Field `f` of `other`, with its references entered in this message's table.
    func adoptField(_ f: HeaderField, from other: SipMessage) -> HeaderField {
        guard f.slot != 0 else { return f }
        var copy = f
        copy.slot = addReferences(other.fieldReferences[Int(f.slot) - 1])
        return copy
    }

    /// Drops the entries no field points at any more (fields replaced or removed), so that
    /// slot numbers stay within 16 bits however often a message's lines are rewritten.
    func compactReferences() {
        var kept: [HeaderField.References] = []
        kept.reserveCapacity(fields.count)
        for i in fields.indices where fields[i].slot != 0 {
            kept.append(fieldReferences[Int(fields[i].slot) - 1])
            fields[i].slot = UInt16(kept.count)
        }
        fieldReferences = kept
    }
}
