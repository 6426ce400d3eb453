import Foundation

/// The sync protocol's line for one change: `{"change":` + the change's canonical JSON +
/// `,"type":"change"}`. Stored payloads are canonical, so senders wrap them without
/// re-encoding, and readers take the payload back out without a general JSON decoder.
/// The one place that spells the envelope (keys sorted: `change` < `type`).
public enum ChangeLine {
    static let prefix = Array(#"{"change":"#.utf8)
    static let suffix = Array(#","type":"change"}"#.utf8)

    /// The bytes the envelope adds to a payload (27), which the line limit must leave room for.
    public static let envelopeBytes = prefix.count + suffix.count

    /// The line carrying `payload`, without its newline.
    public static func line(carrying payload: String) -> Data {
        var line = Data(capacity: payload.utf8.count + envelopeBytes)
        line.append(contentsOf: prefix)
        line.append(contentsOf: payload.utf8)
        line.append(contentsOf: suffix)
        return line
    }

    /// The bytes between the envelope's halves, or nil when `line` is not wrapped this
    /// way (its reader then decodes it as any other message).
    public static func payload(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let end = line.count - suffix.count
        guard end > prefix.count, line.starts(with: prefix), line[end...].elementsEqual(suffix) else { return nil }
        return UnsafeBufferPointer(rebasing: line[prefix.count..<end])
    }
}
