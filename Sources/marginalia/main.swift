import Foundation
import MarginaliaCLI

exit(await MarginaliaMain.run(Array(CommandLine.arguments.dropFirst())))
