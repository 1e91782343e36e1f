import Testing
@testable import SQLSyntax

@Suite("Lexer")
struct LexerTests {
    @Test("words, numbers, strings, symbols and quoted identifiers")
    func tokens() throws {
        let kinds = try Lexer.tokenize("SELECT `timestamp`, 'it''s' <= 1.5e3 || x -- comment\n/* block */;").map(\.kind)
        #expect(kinds == [.word("SELECT"), .quotedIdentifier("timestamp"), .symbol(","), .string("it's"),
                          .symbol("<="), .number("1.5e3"), .symbol("||"), .word("x"), .symbol(";"), .end])
    }

    @Test("locations count lines and columns")
    func locations() throws {
        let tokens = try Lexer.tokenize("SELECT\n  page")
        #expect(tokens[1].location == SourceLocation(offset: 9, line: 2, column: 3))
    }

    @Test("an unterminated string is an error at its start")
    func unterminatedString() {
        #expect(throws: SyntaxError.self) { try Lexer.tokenize("SELECT 'abc") }
        do {
            _ = try Lexer.tokenize("SELECT 'abc")
        } catch {
            #expect(error.location.column == 8)
            #expect(error.message == "unterminated string literal")
        }
    }

    @Test("an unexpected character is named")
    func unexpectedCharacter() {
        do {
            _ = try Lexer.tokenize("SELECT a # b")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unexpected character '#'")
        }
    }

    @Test("a statement set's inner semicolons do not end it")
    func statementSetsStayWhole() {
        let parts = Lexer.splitStatements("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END; SELECT 3;")
        #expect(parts.map(\.text) == ["EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END", "SELECT 3"])
        let open = Lexer.splitStatements("BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;")
        #expect(open.count == 1 && !open[0].terminated)
        #expect(Lexer.splitStatements("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END;").map(\.terminated) == [true])
    }

    @Test("statements split at semicolons outside strings and comments")
    func splitStatements() {
        let parts = Lexer.splitStatements("SELECT ';' FROM t; -- a ; comment\nCREATE TABLE x (a INT); SELECT 1")
        #expect(parts.map(\.text) == ["SELECT ';' FROM t", "CREATE TABLE x (a INT)", "SELECT 1"])
        #expect(parts.map(\.terminated) == [true, true, false])
        #expect(parts[1].location.line == 2)
    }

    @Test("a statement holding only a comment is dropped")
    func commentOnly() {
        #expect(Lexer.splitStatements("-- nothing here\n;  ").isEmpty)
    }

    @Test("an unterminated string keeps the rest as one open statement")
    func splitUnterminated() {
        let parts = Lexer.splitStatements("SELECT 'abc; more")
        #expect(parts.count == 1)
        #expect(parts[0].terminated == false)
    }
}
