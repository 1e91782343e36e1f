import SQLSyntax

/// A query that parses but cannot run: an unknown name, a type mismatch, an unsupported form.
public struct PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostic: Diagnostic

    public init(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostic = Diagnostic(message: message, location: location, hint: hint)
    }

    public var message: String { diagnostic.message }
    public var description: String { "\(diagnostic.location): \(diagnostic.message)" }
}
