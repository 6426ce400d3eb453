/// One item of a listing (`ls`, `log`, `search`, `conflicts`): a first column, such as
/// an id, and the rest. Piped, an item is one line, for grep and cut. On a terminal the
/// rest wraps between words and its continuation lines hang under it, so that a long
/// Vietnamese title is never cut mid-word by the terminal's own wrapping.
struct ListItem {
    var lead: StyledText
    var body: StyledText
    /// The column continuation lines start at; under the body when nil.
    var hang: Int?

    init(lead: StyledText = StyledText(), _ body: StyledText, hang: Int? = nil) {
        self.lead = lead
        self.body = body
        self.hang = hang
    }

    init(lead: String = "", _ body: String, hang: Int? = nil) {
        self.init(lead: StyledText(lead), StyledText(body), hang: hang)
    }

    /// The item on one line.
    var line: StyledText {
        var line = lead
        line.append(body)
        return line
    }

    /// The item wrapped to `width` columns. A first column wider than half the width
    /// would leave the rest a sliver: then the whole item wraps, hanging by four.
    func lines(width: Int) -> [StyledText] {
        let leadWidth = lead.width
        let hang = hang ?? leadWidth
        guard leadWidth <= width / 2, hang <= width / 2 else {
            return line.wrapped(to: width, indentedBy: "", then: "    ")
        }
        let indent = String(repeating: " ", count: hang)
        return body.wrapped(to: width - max(hang, leadWidth)).enumerated().map { index, part in
            var text = index == 0 ? lead : StyledText(indent)
            text.append(part)
            return text
        }
    }
}
