import Foundation

/// Where an export goes: `--output FILE`, else standard output.
struct OutputFile {
    let path: String?

    /// Writes `text` whole: to the file (replaced atomically, so a failed export leaves
    /// the old one), else to standard output.
    func write(_ text: String, console: Console) throws {
        guard let path else { return console.write(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError.unwritable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
