import ReproStore
import Testing

@Suite("AclStore behaviour, on every backend")
struct AclStoreTests {
    @Test(arguments: Backend.allCases)
    func networkAndTlsEntriesReadBackInIdOrder(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let network = try #require(IPNetwork(parsing: "10.1.2.3/8"))
            let a = try store.addAcl(AclEntry(network: network, port: 5060, transport: .udp))
            let b = try store.addAcl(AclEntry(tlsPeerName: "Peer.Example.com"))
            #expect(try store.acls() == [a, b])
            #expect(a.summary == "10.0.0.0/8 port 5060 UDP")
            #expect(b.summary == "tls:peer.example.com")
        }
    }

    @Test(arguments: Backend.allCases)
    func trustFollowsAddressPortAndTransport(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addAcl(AclEntry(network: try #require(IPNetwork(parsing: "192.168.0.0/16")), port: 5060,
                                      transport: .udp))
            try store.addAcl(AclEntry(network: try #require(IPNetwork(parsing: "2001:db8::/32"))))
            #expect(try store.isTrusted(address: "192.168.7.9", port: 5060, transport: .udp))
            #expect(try !store.isTrusted(address: "192.168.7.9", port: 5080, transport: .udp))
            #expect(try !store.isTrusted(address: "192.168.7.9", port: 5060, transport: .tcp))
            #expect(try !store.isTrusted(address: "192.169.0.1", port: 5060, transport: .udp))
            #expect(try store.isTrusted(address: "2001:db8:1::5", port: 1234, transport: .tls))
            #expect(try !store.isTrusted(address: "2001:db9::1", port: 1234, transport: .tls))
        }
    }

    @Test(arguments: Backend.allCases)
    func removingAnEntryStopsTrustingIt(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let entry = try store.addAcl(AclEntry(network: try #require(IPNetwork(parsing: "127.0.0.1"))))
            try store.removeAcl(id: entry.id)
            #expect(try !store.isTrusted(address: "127.0.0.1", port: 5060, transport: .udp))
            #expect(throws: StoreError.unknownAcl(entry.id)) { try store.removeAcl(id: entry.id) }
        }
    }

    @Test(arguments: Backend.allCases)
    func aMalformedTlsPeerNameIsRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            #expect(throws: StoreError.self) { try store.addAcl(AclEntry(tlsPeerName: "bad name")) }
            #expect(try store.acls().isEmpty)
        }
    }

    @Test func networksParseAndRejectNonsense() {
        #expect(IPNetwork(parsing: "10.0.0.0/8")?.description == "10.0.0.0/8")
        #expect(IPNetwork(parsing: "10.9.9.9/8")?.description == "10.0.0.0/8")
        #expect(IPNetwork(parsing: "::1")?.description == "::1/128")
        #expect(IPNetwork(parsing: "[2001:db8::1]/48")?.description == "2001:db8::/48")
        #expect(IPNetwork(parsing: "10.0.0.0/33") == nil)
        #expect(IPNetwork(parsing: "example.com") == nil)
        #expect(IPNetwork(parsing: "10.0.0.0/x") == nil)
    }
}
