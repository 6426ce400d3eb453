import ArgumentParser
import Foundation

/// How `import` reads an input: by its name's extension, unless `--format` says.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html

    /// The format a file's extension names: `.md` and `.markdown` Markdown, `.html` and
    /// `.htm` HTML, anything else plain text.
    init(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: self = .text
        }
    }
}
