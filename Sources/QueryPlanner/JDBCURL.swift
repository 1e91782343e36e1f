/// A JDBC URL as Flink's JDBC connector takes it, for the databases weir speaks to.
public enum JDBCURL: Sendable, Hashable {
    /// `jdbc:sqlite:PATH`: an embedded database file.
    case sqlite(path: String)
    /// `jdbc:postgresql://host[:port]/database[?key=value&…]`
    case postgres(host: String, port: Int, database: String, parameters: [String: String])
    /// `jdbc:mysql://host[:port]/database` or `jdbc:mariadb://…`: MySQL or MariaDB.
    case mysql(host: String, port: Int, database: String, parameters: [String: String])

    public init?(_ url: String) {
        if url.hasPrefix("jdbc:sqlite:") {
            var path = String(url.dropFirst("jdbc:sqlite:".count))
            if path.hasPrefix("file:") { path.removeFirst(5) }
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
            return
        }
        let schemes = [("jdbc:postgresql://", 5432), ("jdbc:mysql://", 3306), ("jdbc:mariadb://", 3306)]
        guard let (scheme, defaultPort) = schemes.first(where: { url.hasPrefix($0.0) }) else { return nil }
        var rest = Substring(url.dropFirst(scheme.count))
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                parameters[String(parts[0])] = parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
            rest = rest[..<question]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let database = slash < rest.endIndex ? String(rest[rest.index(after: slash)...]) : ""
        var host = String(authority)
        var port = defaultPort
        if let colon = authority.lastIndex(of: ":") {
            guard let p = Int(authority[authority.index(after: colon)...]), p > 0, p < 65536 else { return nil }
            port = p
            host = String(authority[..<colon])
        }
        guard !host.isEmpty else { return nil }
        self = scheme == "jdbc:postgresql://" ? .postgres(host: host, port: port, database: database, parameters: parameters)
            : .mysql(host: host, port: port, database: database, parameters: parameters)
    }

    /// The URL with any password in it replaced by `***`: what EXPLAIN, errors and logs show.
    public static func redacted(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let pairs = url[url.index(after: question)...].split(separator: "&").map { pair -> String in
            let key = pair.split(separator: "=", maxSplits: 1)[0]
            return key.lowercased() == "password" ? "\(key)=***" : String(pair)
        }
        return url[..<question] + "?" + pairs.joined(separator: "&")
    }
}

extension String {
    /// `%XX` escapes decoded (URL query values).
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
