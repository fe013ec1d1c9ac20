import NIOCore

/// Who learns how a send ended: nobody, a promise, or a failure callback.
///
/// Transactions only care about failures (RFC 3261 §17.1.4, §17.2.4), so they pass a
/// callback instead of a promise: no promise to allocate, and nothing to hop to another
/// event loop when the write succeeds.
enum SendCompletion: Sendable {
    case none
    case promise(EventLoopPromise<Void>)
    case onFailure(@Sendable (any Error) -> Void)

    func succeed() {
        if case .promise(let p) = self { p.succeed() }
    }

    func fail(_ error: any Error) {
        switch self {
        case .none: break
        case .promise(let p): p.fail(error)
        case .onFailure(let f): f(error)
        }
    }
}
