import Foundation

/// Where changes get their display time from. Tests substitute a fixed clock.
public protocol WallClock: Sendable {
    /// Milliseconds since 1970.
    func now() -> Int64
}

/// The system clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
