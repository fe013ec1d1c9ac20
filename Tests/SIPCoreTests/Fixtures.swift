/// Realistic messages used across the SIPCore tests. Line breaks are CRLF.
enum Fixtures {
    static func crlf(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "\r\n") }

    static let sdp = crlf("""
    v=0
    o=alice 2890844526 2890844526 IN IP4 192.0.2.101
    s=-
    c=IN IP4 192.0.2.101
    t=0 0
    m=audio 49172 RTP/AVP 0 8 101
    a=rtpmap:0 PCMU/8000
    a=rtpmap:8 PCMA/8000
    a=rtpmap:101 telephone-event/8000
    a=fmtp:101 0-15
    a=sendrecv

    """)

    /// A bodiless request as a proxy receives it: one Via, Max-Forwards, one Route.
    static let bodilessRequest = crlf("""
    INVITE sip:bob@example.test SIP/2.0
    Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK-1
    Max-Forwards: 70
    Route: <sip:p1.example.test;lr>
    From: <sip:alice@example.test>;tag=a1
    To: <sip:bob@example.test>
    Call-ID: c1@192.0.2.7
    CSeq: 1 INVITE
    Content-Length: 0


    """)

    static let invite = crlf("""
    INVITE sip:bob@biloxi.example.com SIP/2.0
    Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport
    Max-Forwards: 70
    Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
    To: "Bob" <sip:bob@biloxi.example.com>
    From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
    Call-ID: a84b4c76e66710@pc33.atlanta.example.com
    CSeq: 314159 INVITE
    Contact: <sip:alice@pc33.atlanta.example.com;transport=udp>
    Allow: INVITE, ACK, CANCEL, BYE, OPTIONS
    Supported: replaces, timer
    User-Agent: repro-tests/1.0
    Content-Type: application/sdp
    Content-Length: \(sdp.utf8.count)


    """) + sdp

    static let register = crlf("""
    REGISTER sip:registrar.biloxi.example.com SIP/2.0
    Via: SIP/2.0/TCP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7
    Max-Forwards: 70
    To: Bob <sip:bob@biloxi.example.com>
    From: Bob <sip:bob@biloxi.example.com>;tag=456248
    Call-ID: 843817637684230@998sdasdh09
    CSeq: 1826 REGISTER
    Contact: <sip:bob@192.0.2.4>;expires=7200;q=0.7, <sip:bob@192.0.2.5:5070>;q=1
    Authorization: Digest username="bob", realm="biloxi.example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:registrar.biloxi.example.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"
    Expires: 7200
    Content-Length: 0


    """)

    static let ringing = crlf("""
    SIP/2.0 180 Ringing
    Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3
    Via: SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK77ef4c2312983.1;received=2001:db8::9:255;rport=5062
    Record-Route: <sip:server10.biloxi.example.com;lr>
    Record-Route: <sip:bigbox3.site3.atlanta.example.com;lr>
    To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
    From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
    Call-ID: a84b4c76e66710
    Contact: <sip:bob@192.0.2.4>
    CSeq: 314159 INVITE
    Content-Length: 0


    """)

    static let compactFolded = crlf("""
    OPTIONS sip:carol@chicago.example.com SIP/2.0
    v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877
    Max-Forwards: 70
    t: <sip:carol@chicago.example.com>
    f: Alice <sip:alice@atlanta.example.com>;tag=1928301774
    i: a84b4c76e66710
    CSeq: 63104 OPTIONS
    m: <sip:alice@pc33.atlanta.example.com>
    Subject: a subject that is
     folded over two lines
    k: path
    X-Custom-Header: one, two
    l: 0


    """)
}
