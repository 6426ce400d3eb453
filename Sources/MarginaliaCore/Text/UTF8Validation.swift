/// Strict UTF-8 decoding of input files, reporting where bad bytes are.
public enum UTF8Validation {
    /// The byte offset of the first byte that is not part of valid UTF-8, or nil when all of `bytes` is valid.
    /// The standard library's validating initializer answers the common case fast;
    /// the offset is searched for only when it fails.
    public static func firstInvalidOffset(in bytes: some Collection<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The text of `bytes`, or nil when they are not valid UTF-8 (validated and copied once).
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }
}
