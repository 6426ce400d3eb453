/// The file holds something marginalia never writes: it was altered by other means.
struct CorruptReplicaError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
