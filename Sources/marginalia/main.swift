import Foundation
import MarginaliaCLI
import MarginaliaREPL

exit(await MarginaliaMain.run(Array(CommandLine.arguments.dropFirst()), startSession: REPL.run))
