import CLibFuzzer
import Foundation

/// The fuzz target: each input is what a peer sends to `serve --stdio` (see
/// `ResponderFuzzer`). libFuzzer's runtime looks the target up by this name.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    ResponderFuzzer.shared.run(bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
    return 0
}

// The template replica is made before libFuzzer starts its timer (see `ResponderFuzzer.write`).
_ = ResponderFuzzer.shared
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
