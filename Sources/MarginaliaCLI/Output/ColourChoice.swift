import ArgumentParser

/// `--color`: whether to colour, as git and ls take it. `auto` follows `ColourRule`.
public enum ColourChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}
