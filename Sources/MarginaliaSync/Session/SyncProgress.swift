/// Where a long sync stands, reported to a progress display.
public struct SyncProgress: Sendable {
    public var sent: Int
    public var received: Int
    public var bytesSent: Int
    public var bytesReceived: Int
    public var seconds: Double
}
