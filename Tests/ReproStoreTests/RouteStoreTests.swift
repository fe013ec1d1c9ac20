import ReproStore
import Testing

@Suite("RouteStore behaviour, on every backend")
struct RouteStoreTests {
    @Test(arguments: Backend.allCases)
    func routesGetIncreasingIdsAndListInOrder(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let first = try store.addRoute(StaticRoute(pattern: "^sip:1", rewrite: "sip:gw1.example.com", order: 20))
            let second = try store.addRoute(StaticRoute(pattern: "^sip:2", rewrite: "sip:gw2.example.com", order: 10))
            #expect(first.id == 1)
            #expect(second.id == 2)
            #expect(try store.routes().map(\.id) == [2, 1])
            #expect(try store.route(id: 1) == first)
        }
    }

    @Test(arguments: Backend.allCases)
    func anInvalidRegularExpressionIsRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            #expect(throws: StoreError.invalidPattern("^sip:(1", reason: "does not compile as a regular expression")) {
                try store.addRoute(StaticRoute(pattern: "^sip:(1", rewrite: "sip:gw.example.com"))
            }
            #expect(try store.routes().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func aRewriteNamingAMissingCaptureIsRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            #expect(throws: StoreError.self) {
                try store.addRoute(StaticRoute(pattern: "^sip:([0-9]+)@", rewrite: "sip:$2@gw.example.com"))
            }
            #expect(throws: StoreError.self) {
                try store.addRoute(StaticRoute(pattern: "^sip:([0-9]+)@", rewrite: "gw.example.com;$1"))
            }
            #expect(throws: StoreError.self) {
                try store.addRoute(StaticRoute(method: "INV ITE", pattern: "^sip:", rewrite: "sip:gw.example.com"))
            }
            #expect(try store.routes().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func theFirstMatchingRouteRewritesWithCaptures(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addRoute(StaticRoute(method: "INVITE", pattern: #"^sip:9([0-9]+)@example\.com"#,
                                           rewrite: "sip:$1@pstn.example.com", order: 1))
            try store.addRoute(StaticRoute(pattern: "^sip:", rewrite: "sip:default.example.com", order: 2))
            let table = try store.routeTable()
            let invite = table.match(requestURI: "sip:90123@example.com", method: "invite")
            #expect(invite?.target == "sip:0123@pstn.example.com")
            #expect(invite?.route.order == 1)
            let message = table.match(requestURI: "sip:90123@example.com", method: "MESSAGE")
            #expect(message?.target == "sip:default.example.com")
            #expect(table.match(requestURI: "tel:+123", method: "INVITE") == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func eventRestrictedRoutesOnlyMatchThatEvent(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addRoute(StaticRoute(method: "SUBSCRIBE", event: "presence", pattern: "^sip:",
                                           rewrite: "sip:presence.example.com"))
            let table = try store.routeTable()
            #expect(table.match(requestURI: "sip:a@example.com", method: "SUBSCRIBE", event: "Presence") != nil)
            #expect(table.match(requestURI: "sip:a@example.com", method: "SUBSCRIBE", event: "dialog") == nil)
            #expect(table.match(requestURI: "sip:a@example.com", method: "SUBSCRIBE") == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func removedRoutesAreGoneAndNotified(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let recorder = ChangeRecorder(store.changes)
            let route = try store.addRoute(StaticRoute(pattern: "^sip:", rewrite: "sip:gw.example.com"))
            try store.removeRoute(id: route.id)
            #expect(try store.routes().isEmpty)
            #expect(throws: StoreError.unknownRoute(route.id)) { try store.removeRoute(id: route.id) }
            #expect(recorder.recorded == [.route(id: route.id, .added), .route(id: route.id, .removed)])
        }
    }
}
