import ArgumentParser
import MarginaliaTransport

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Make the shared secret that TCP sync proves.", subcommands: [New.self])

    struct New: ParsableCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "new", abstract: "Write a new random token file (mode 600) for 'serve --listen' and 'sync tcp://'.",
            discussion: """
                32 random bytes, base64. Copy the file to each replica that syncs with the server \
                (over ssh, or on a USB stick), keeping it readable by its owner only. An existing \
                file is never replaced.
                """)

        @Argument(help: ArgumentHelp("The token file to create.", valueName: "path")) var file: String
        static let grammar: [GrammarArgument] = [.positional(.path)]

        func run() throws {
            try TokenFile.create(at: file)
        }
    }
}
