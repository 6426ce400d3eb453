import CLibXML2

/// Parses HTML with libxml2's HTML parser, which reads real pages (unclosed tags,
/// stray markup, unknown elements such as `amp-img`) into the tree browsers would
/// mostly build, and copies that tree into `HTMLElement` values.
enum HTMLParser {
    /// libxml2 sets up its global tables on first use; done once, before any thread parses.
    private static let initialized: Void = xmlInitParser()

    /// Recover from errors as browsers do, say nothing on standard error, never touch the
    /// network, and ignore `<meta charset>`: the text given is already decoded.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// The `<html>` element of `text` (libxml2 supplies `<html>` and `<body>` when the
    /// page leaves them out).
    static func parse(_ text: String) -> HTMLElement {
        _ = initialized
        var text = text
        let document = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                htmlReadMemory(characters.baseAddress, Int32(characters.count), nil, "UTF-8", options)
            }
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return HTMLElement(name: "html") }
        return element(root)
    }

    private static func element(_ node: xmlNodePtr) -> HTMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name).lowercased()
            if attributes[name] == nil { attributes[name] = text(below: current.pointee.children) }
            attribute = current.pointee.next
        }
        var children: [HTMLNode] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(.element(element(current)))
            // Script and style bodies arrive as CDATA: JSON-LD is read from them.
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: children.append(.text(string(current.pointee.content)))
            default: break
            }
            child = current.pointee.next
        }
        return HTMLElement(name: string(node.pointee.name).lowercased(), attributes: attributes, children: children)
    }

    /// The text of an attribute's value nodes.
    private static func text(below first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            result += string(current.pointee.content)
            node = current.pointee.next
        }
        return result
    }

    private static func string(_ characters: UnsafePointer<xmlChar>?) -> String {
        characters.map { String(cString: $0) } ?? ""
    }
}
