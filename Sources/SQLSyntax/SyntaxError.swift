/// A syntax error: what was expected, what was found, and where.
///
/// Every parser error is worded through `SyntaxError.expected(_:found:)`, so messages read
/// the same everywhere: `Expected: ',' or FROM, found: COUNT`.
public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostic: Diagnostic

    public var message: String { diagnostic.message }
    public var location: SourceLocation { diagnostic.location }

    public init(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostic = Diagnostic(message: message, location: location, hint: hint)
    }

    /// The one wording of a parse error.
    public static func expected(_ expected: String, found token: Token, hint: String? = nil) -> SyntaxError {
        SyntaxError("Expected: \(expected), found: \(token.display)", at: token.location, hint: hint)
    }

    public var description: String { "\(location): \(message)" }
}
