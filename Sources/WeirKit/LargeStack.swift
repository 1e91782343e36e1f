#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a thread of its own with a stack of `bytes` (address space: only the pages
/// it touches take memory) and waits for it. Parsing and planning walk expressions
/// recursively, up to `Parser.maxExpressionDepth` levels, and unoptimized builds take tens of
/// kilobytes a level: more than the main thread's 8 MiB.
func onLargeStack<T>(bytes: Int = 1 << 30, _ body: () throws(QueryError) -> T) throws(QueryError) -> T {
    typealias Work = () -> Void
    var result: Result<T, QueryError>?
    withoutActuallyEscaping(body) { body in
        var work: Work = {
            do throws(QueryError) { result = .success(try body()) } catch { result = .failure(error) }
        }
        withUnsafeMutablePointer(to: &work) { pointer in
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, bytes)
            var thread = pthread_t()
            let started = pthread_create(&thread, &attributes, { raw in
                raw!.assumingMemoryBound(to: Work.self).pointee()
                return nil
            }, pointer)
            if started == 0 {
                pthread_join(thread, nil)
            } else {
                pointer.pointee()  // no thread to be had: on this one, as before
            }
        }
    }
    return try result!.get()
}
