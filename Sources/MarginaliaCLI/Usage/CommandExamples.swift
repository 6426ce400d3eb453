/// Examples of every command, shown after its help (`CMD --help`, `help CMD`, in the
/// REPL as on the command line): the argument parser describes options, these show
/// them in use. A test parses each one, so they stay right as the grammar changes; a
/// remark after two spaces and `(` is not part of the command.
enum CommandExamples {
    static let byCommand: [String: [String]] = [
        "init": ["init --name laptop", "--db ~/usb/notes.db init --name usb"],
        "status": ["status", "status --digest", "status --json"],
        "add": [
            "add \"Hà Nội ngập sâu\" --body \"Mưa lớn kéo dài…\" --tag flood",
            "add \"Notes from the field\"  (then the body, ending with a line holding only '.')",
            "add Report --file report.txt --source https://example.org/report",
        ],
        "import": [
            "import examples/articles/", "import draft.md --tag draft", "import examples/pages/vnexpress-mua-lon.html --dry-run",
            "import - --source https://example.org/a  (a page piped in: curl -s https://example.org/a | marginalia import -)",
            "import https://example.org/a --tag lu  (fetched; an address already imported needs --again)",
        ],
        "list": ["list", "list --tag doi-ngoai --json  (finds #Đối-ngoại)", "list --annotated", "list --deleted"],
        "ls": ["ls", "ls --tag doi-ngoai", "ls --annotated", "ls --deleted"],
        "show": ["show e8gv", "show jdx1 --json"],
        "edit": [
            "edit e8gv --title \"Hà Nội ngập sâu\"", "edit e8gv --body  (opens $VISUAL or $EDITOR)",
            "edit e8gv --body-file new.txt --source https://example.org/x",
        ],
        "replace": [
            "replace e8gv \"mưa lớn\" \"mưa rất lớn\"", "replace e8gv \"mua lon\" \"mưa to\" --occurrence 2  (the second “mưa lớn”)",
            "replace e8gv colour color --all",
        ],
        "rm": ["rm jdx1", "rm e8gv q3kp  (an article and an annotation, in one transaction)"],
        "restore": ["restore e8gv  (with the annotations deleted with it)", "restore e8gv jdx1"],
        "tag": ["tag e8gv +hanoi -draft", "tag jdx1 +check"],
        "tags": ["tags", "tags --json"],
        "annotate": [
            "annotate e8gv --quote \"mực nước\" --occurrence 2 --note \"đo lúc 6h\" --tag flood",
            "annotate e8gv --range 120-135",
            "annotate e8gv --quote \"hiep dinh paris\" --note \"năm 1973?\"  (finds “Hiệp định Paris”)",
        ],
        "note": ["note jdx1 \"đo lúc 6 giờ sáng\"", "note jdx1 \"\"  (clears it)"],
        "reanchor": ["reanchor jdx1 --quote \"mực nước\" --occurrence 2", "reanchor jdx1 --range 120-135"],
        "annotations": [
            "annotations", "annotations --article e8gv --json", "annotations --status orphaned", "annotations --tag flood",
            "annotations --deleted",
        ],
        "search": [
            "search muc nuoc", "search '\"muc nuoc\" ngap* -xe'", "search lu OR lut title:ha", "search note:do tag:flood --json",
        ],
        "history": ["history e8gv", "history jdx1 --json"],
        "log": ["log", "log --limit 5", "log --json"],
        "verify": ["verify", "verify --json"],
        "sync": [
            "sync ~/usb/notes.db", "sync office", "sync ssh://laptop/~/notes.db",
            "sync tcp://127.0.0.1:7070 --token-file ~/.marginalia-token",
        ],
        "serve": ["serve --listen 7070 --token-file ~/.marginalia-token", "serve --stdio  (what ssh runs at the other end)"],
        "token new": ["token new ~/.marginalia-token", "token new /media/usb/office.token"],
        "bundle create": ["bundle create notes.bundle --for office", "bundle create everything.bundle"],
        "bundle apply": ["bundle apply notes.bundle", "bundle apply /media/usb/notes.bundle --json"],
        "peer add": ["peer add office ssh://office/~/notes.db", "peer add usb /media/usb/notes.db"],
        "peer rm": ["peer rm office", "peer rm usb"],
        "peers": ["peers", "peers --json"],
        "identity show": ["identity  (the fingerprint, for peers to trust)", "identity --json"],
        "identity rotate": ["identity rotate", "identity rotate --json"],
        "trust add": [
            "trust add RFRFRDUJ-EN6KVRST-LUEGAMWS-5CRFT3C6-F2G5SVBS-OFTMJPWE-YPEOZFAN --name office",
            "trust add 'rfrfrduj en6kvrst luegamws 5crft3c6 f2g5svbs oftmjpwe ypeozfan'  (as read aloud)",
        ],
        "trust rm": ["trust rm office", "trust rm RFRFRDUJ-EN6KVRST-LUEGAMWS-5CRFT3C6-F2G5SVBS-OFTMJPWE-YPEOZFAN"],
        "trust ls": ["trust ls", "trust ls --json"],
        "hub init": [
            "hub init --postgres postgres://marginalia@db.example/marginalia --name \"toà soạn\"",
            "hub init  (with $MARGINALIA_HUB_POSTGRES set; upgrades an older schema)",
        ],
        "hub serve": [
            "hub --postgres postgres://marginalia@db.example/marginalia --listen 0.0.0.0:7300",
            "hub serve --listen 7300  (with $MARGINALIA_HUB_POSTGRES set)",
        ],
        "hub trust add": [
            "hub trust add RFRFRDUJ-EN6KVRST-LUEGAMWS-5CRFT3C6-F2G5SVBS-OFTMJPWE-YPEOZFAN --name laptop",
            "hub trust add 'rfrfrduj en6kvrst luegamws 5crft3c6 f2g5svbs oftmjpwe ypeozfan' --postgres postgres://marginalia@db.example/marginalia",
        ],
        "hub trust rm": ["hub trust rm laptop", "hub trust rm RFRFRDUJ-EN6KVRST-LUEGAMWS-5CRFT3C6-F2G5SVBS-OFTMJPWE-YPEOZFAN"],
        "hub trust ls": ["hub trust ls", "hub trust ls --json"],
        "hub status": ["hub status --postgres postgres://marginalia@db.example/marginalia", "hub status --json"],
        "conflicts": ["conflicts", "conflicts --json"],
        "conflict": ["conflict e8gv", "conflict jdx1 --json"],
        "resolve": [
            "resolve  (each open conflict in turn)", "resolve e8gv title --take 2", "resolve e8gv body --merge",
            "resolve jdx1 --keep",
        ],
        "export": ["export e8gv --format md", "export e8gv --format html --lang vi --output lu.html"],
        "export-annotations": ["export-annotations e8gv --output lu.jsonld", "export-annotations"],
        "version": ["version", "--version  (the first line only)"],
        "import-annotations": ["import-annotations lu.jsonld", "import-annotations hypothesis.json --skip-orphaned"],
    ]

    /// The examples of the command `arguments` ask help for (`annotate --help`, `help
    /// peer add`), or nil when they name no command with examples.
    static func examples(forHelpWith arguments: [String]) -> [String]? {
        let words = arguments.filter { !$0.hasPrefix("-") && $0 != "help" }
        for (index, word) in words.enumerated() {
            let pair = index + 1 < words.count ? "\(word) \(words[index + 1])" : nil
            if let examples = pair.flatMap({ byCommand[$0] }) ?? byCommand[word] { return examples }
        }
        return nil
    }
}
