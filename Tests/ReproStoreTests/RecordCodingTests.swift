import ReproStore
import Testing

@Suite("Route templates and URI checks")
struct RouteTemplateTests {
    @Test func uriSyntaxAcceptsSipSipsAndTel() throws {
        for uri in ["sip:alice@example.com", "sips:[2001:db8::1]:5061;transport=tcp", "sip:10.0.0.1",
                    "tel:+1-212-555-0100", "sip:alice@example.com?subject=hi"] {
            try SIPURISyntax.validate(uri)
        }
    }

    @Test func uriSyntaxRefusesTypos() {
        for uri in ["alice@example.com", "http://example.com", "sip:", "sip:alice@", "sip:a@exa mple.com",
                    "sip:a@example.com:99999", "tel:abc!"] {
            #expect(throws: StoreError.self) { try SIPURISyntax.validate(uri) }
        }
    }
}
