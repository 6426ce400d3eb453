import Foundation
import MarginaliaCLI

exit(MarginaliaMain.run(Array(CommandLine.arguments.dropFirst())))
