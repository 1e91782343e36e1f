/// Turns SQL text into tokens, skipping whitespace and `--` and `/* */` comments.
public struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens of the text, ending with one `.end` token.
    public static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: SourceLocation {
        SourceLocation(offset: index, line: line, column: index - lineStart + 1)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipTrivia() throws(SyntaxError) {
        while let c = peek() {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                advance()
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let d = peek(), d != UInt8(ascii: "\n") { advance() }
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = location
                advance(); advance()
                while true {
                    guard let d = peek() else {
                        throw SyntaxError("unterminated comment", at: start, hint: "close it with */")
                    }
                    if d == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        advance(); advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    /// The next token.
    public mutating func next() throws(SyntaxError) -> Token {
        try skipTrivia()
        let start = location
        guard let c = peek() else { return Token(kind: .end, location: start, endOffset: index) }
        let kind: Token.Kind
        if isIdentifierStart(c) {
            let from = index
            while let d = peek(), isIdentifierPart(d) { advance() }
            kind = .word(String(decoding: bytes[from..<index], as: UTF8.self))
        } else if isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            kind = .number(lexNumber())
        } else if c == UInt8(ascii: "'") {
            kind = .string(try lexQuoted(quote: c, start: start, what: "string literal"))
        } else if c == UInt8(ascii: "`") {
            kind = .quotedIdentifier(try lexQuoted(quote: c, start: start, what: "quoted identifier"))
        } else if c == UInt8(ascii: "\"") {
            // Flink reads double quotes as an identifier only in some modes; weir treats them as one.
            kind = .quotedIdentifier(try lexQuoted(quote: c, start: start, what: "quoted identifier"))
        } else {
            kind = .symbol(try lexSymbol(start: start))
        }
        return Token(kind: kind, location: start, endOffset: index)
    }

    private mutating func lexNumber() -> String {
        let from = index
        while let d = peek(), isDigit(d) { advance() }
        if peek() == UInt8(ascii: "."), peek(1).map(isDigit) == true {
            advance()
            while let d = peek(), isDigit(d) { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let sign = peek(1)
            if sign.map(isDigit) == true {
                advance()
                while let d = peek(), isDigit(d) { advance() }
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), peek(2).map(isDigit) == true {
                advance(); advance()
                while let d = peek(), isDigit(d) { advance() }
            }
        }
        return String(decoding: bytes[from..<index], as: UTF8.self)
    }

    private mutating func lexQuoted(quote: UInt8, start: SourceLocation, what: String) throws(SyntaxError) -> String {
        advance()
        var content: [UInt8] = []
        while true {
            guard let d = peek() else {
                let q = String(UnicodeScalar(quote))
                throw SyntaxError("unterminated \(what)", at: start, hint: "close it with \(q)")
            }
            advance()
            if d == quote {
                if peek() == quote {
                    content.append(quote)
                    advance()
                } else {
                    break
                }
            } else {
                content.append(d)
            }
        }
        return String(decoding: content, as: UTF8.self)
    }

    private static let twoCharacterSymbols: Set<String> = ["<=", ">=", "<>", "!=", "||", "=>"]
    // `{`, `}`, `?`, `|` and `^` only occur in MATCH_RECOGNIZE patterns, which the parser
    // refuses by name.
    private static let oneCharacterSymbols: Set<UInt8> = Set("(),;.+-*/%=<>[]{}?|^".utf8)

    private mutating func lexSymbol(start: SourceLocation) throws(SyntaxError) -> String {
        if let second = peek(1) {
            let pair = String(decoding: [bytes[index], second], as: UTF8.self)
            if Self.twoCharacterSymbols.contains(pair) {
                advance(); advance()
                return pair
            }
        }
        let c = bytes[index]
        if Self.oneCharacterSymbols.contains(c) {
            advance()
            return String(UnicodeScalar(c))
        }
        let scalarText = String(decoding: bytes[index...].prefix(4), as: UTF8.self).prefix(1)
        throw SyntaxError("unexpected character '\(scalarText)'", at: start)
    }
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

@inline(__always) private func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c >= 0x80
}

@inline(__always) private func isIdentifierPart(_ c: UInt8) -> Bool {
    isIdentifierStart(c) || isDigit(c) || c == UInt8(ascii: "$")
}

/// One statement of a script, as the lexer splits it at `;` outside quotes and comments.
public struct StatementText: Sendable, Equatable {
    /// The statement's text, without the terminating `;`.
    public var text: String
    /// Where the statement starts in the whole script.
    public var location: SourceLocation
    /// Whether a `;` ended it (the REPL waits for more input otherwise).
    public var terminated: Bool
}

extension Lexer {
    /// Splits a script into statements with the lexer, so `;` inside strings and comments is text.
    /// Statements holding only comments or whitespace are dropped.
    ///
    /// A lexing error (an unterminated string, say) ends the split: the rest becomes one
    /// unterminated statement, which the parser then reports.
    public static func splitStatements(_ script: String) -> [StatementText] {
        let utf8 = Array(script.utf8)
        var lexer = Lexer(script)
        var statements: [StatementText] = []
        var first: Token?
        var lastEnd = 0
        // The words a statement begins with, to tell a statement set, whose `;`s are inside it
        // until its END.
        var opening: [String] = []
        var previous: Token?
        func text(_ from: Int, _ to: Int) -> String { String(decoding: utf8[from..<to], as: UTF8.self) }
        func inStatementSet() -> Bool {
            let words = opening.prefix(3).joined(separator: " ")
            return words == "EXECUTE STATEMENT SET" || words == "BEGIN STATEMENT SET" || words == "EXPLAIN STATEMENT SET"
        }
        while true {
            let token: Token
            do { token = try lexer.next() } catch {
                let from = first?.location ?? error.location
                statements.append(StatementText(text: text(from.offset, utf8.count), location: from, terminated: false))
                return statements
            }
            switch token.kind {
            case .end:
                if let first {
                    statements.append(StatementText(text: text(first.location.offset, lastEnd), location: first.location, terminated: false))
                }
                return statements
            case .symbol(";") where inStatementSet() && !(previous?.isKeyword("END") ?? false):
                previous = token
            case .symbol(";"):
                opening = []
                previous = nil
                if let first {
                    statements.append(StatementText(text: text(first.location.offset, lastEnd), location: first.location, terminated: true))
                }
                first = nil
            default:
                if first == nil { first = token }
                if opening.count < 3, case .word(let word) = token.kind { opening.append(word.uppercased()) }
                previous = token
                lastEnd = token.endOffset
            }
        }
    }
}
