import CLibFuzzer
import Foundation

/// The fuzz target: each input is what a peer sends to `serve --stdio` (see
/// `ResponderFuzzer`). libFuzzer's runtime looks the target up by this name.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    ResponderFuzzer.shared.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
