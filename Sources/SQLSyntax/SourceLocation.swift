/// A position in SQL text: 1-based line and column, and the 0-based UTF-8 offset.
///
/// Locations never take part in `==` of the trees that carry them, so tests can compare
/// hand-built trees with parsed ones.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The location of the first character of a text.
    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}

/// A message about a spot in SQL text, rendered like a compiler error:
/// the position, the message, the offending line and a caret under the spot.
public struct Diagnostic: Sendable, Equatable {
    public var message: String
    public var location: SourceLocation
    /// A hint shown after the caret, such as `did you mean page?`.
    public var hint: String?

    public init(message: String, location: SourceLocation, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// Renders the diagnostic against the text it was found in.
    ///
    ///     error: Expected: ',' or FROM, found: COUNT
    ///      --> query.sql:1:13
    ///       |
    ///     1 | SELECT page COUNT(*) FROM clicks
    ///       |             ^
    ///       = help: …
    /// Characters of the offending line shown at most.
    static let maxShownLine = 150

    public func render(source: String, fileName: String? = nil) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let lineIndex = max(0, min(location.line - 1, lines.count - 1))
        let lineText = lines.isEmpty ? "" : String(lines[lineIndex]).replacingTabs()
        let lineNumber = String(location.line)
        let gutter = String(repeating: " ", count: lineNumber.count)
        // Columns count UTF-8 bytes; the caret is placed under the character that starts there.
        let rawLine = lines.isEmpty ? Substring("") : lines[lineIndex]
        let prefixBytes = max(0, location.column - 1)
        let prefix = String(decoding: Array(rawLine.utf8).prefix(prefixBytes), as: UTF8.self)
        let caretColumn = prefix.count
        // A very long line (generated SQL) is shown as a window around the caret.
        var shown = Array(lineText.trimmingTrailingCR())
        var shownCaret = caretColumn
        if shown.count > Self.maxShownLine {
            let from = max(0, caretColumn - Self.maxShownLine / 3)
            let to = min(shown.count, from + Self.maxShownLine)
            shown = (from > 0 ? ["…"] : []) + Array(shown[from..<to]) + (to < shown.count ? ["…"] : [])
            shownCaret = caretColumn - from + (from > 0 ? 1 : 0)
        }
        var out = "error: \(message)\n"
        out += "\(gutter)--> \(fileName.map { "\($0):" } ?? "")\(location.line):\(caretColumn + 1)\n"
        out += "\(gutter) |\n"
        out += "\(lineNumber) | \(String(shown))\n"
        out += "\(gutter) | \(String(repeating: " ", count: shownCaret))^"
        if let hint { out += "\n\(gutter) = help: \(hint)" }
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }

    fileprivate func trimmingTrailingCR() -> String {
        hasSuffix("\r") ? String(dropLast()) : self
    }
}

/// The closest of `candidates` to `name` by edit distance, if it is close enough to suggest.
public func closestName(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(target, Array(candidate.lowercased()))
        let limit = max(1, min(3, (target.count + 1) / 2))
        if distance <= limit, best == nil || distance < best!.1 {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// Edits (insert, delete, replace, or swap two neighbours: the commonest typo, `CUONT`) that
/// turn `a` into `b`: the optimal string alignment distance.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
