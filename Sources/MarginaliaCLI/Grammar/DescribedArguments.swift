import ArgumentParser

/// A command, or a group of options, that describes its arguments for completion and
/// "did you mean": what each one is, by type (`ValueKind`), in the order of its
/// `@Argument`, `@Option`, `@Flag` and `@OptionGroup` properties. The argument parser
/// gives no public way to read those back, so they are listed beside them; a test
/// checks every command's list against the parser's own description of the grammar.
protocol DescribedArguments: ParsableArguments {
    static var grammar: [GrammarArgument] { get }
}
