import QueryPlanner
import SQLSyntax

/// A wrong query (syntax, names or types) with the text it was found in, ready to render
/// like a compiler error.
public struct QueryError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    /// The whole script the location points into.
    public var source: String

    public init(_ diagnostic: Diagnostic, source: String) {
        self.diagnostic = diagnostic
        self.source = source
    }

    /// The message with the position, the line and a caret; `fileName` prefixes the position.
    public func rendered(fileName: String? = nil) -> String {
        diagnostic.render(source: source, fileName: fileName)
    }

    public var description: String { rendered() }
}
