#ifndef C_LIB_FUZZER_H
#define C_LIB_FUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime linked by `-sanitize=fuzzer`): runs the fuzzing
/// loop with `callback` as the target. The fuzz executable calls it from its own
/// `main`, since SwiftPM gives every executable an entry point of its own.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
