/// Realistic messages for the round-trip, framing and hostile-input tests.
/// Line breaks are CRLF; Content-Length always matches the body.
enum Corpus {
    private static func crlf(_ s: String) -> String { Fixtures.crlf(s) }

    /// `headers` (CRLF line breaks added), the empty line and `body`, with Content-Length filled in.
    private static func message(_ headers: String, body: String = "") -> String {
        crlf(headers.replacingOccurrences(of: "$LENGTH", with: String(body.utf8.count))) + "\r\n" + body
    }

    static let registerWithCredentials = message("""
    REGISTER sip:registrar.biloxi.example.com SIP/2.0
    Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport
    Max-Forwards: 70
    To: Bob <sip:bob@biloxi.example.com>
    From: Bob <sip:bob@biloxi.example.com>;tag=a73kszlfl
    Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com
    CSeq: 2 REGISTER
    Contact: <sip:bob@192.0.2.201;transport=udp>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";reg-id=1
    Authorization: Digest username="bob", realm="biloxi.example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:registrar.biloxi.example.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5
    Supported: path, outbound, gruu
    Content-Length: $LENGTH

    """)

    static let sdp = crlf("""
    v=0
    o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com
    s=Session SDP
    c=IN IP4 192.0.2.101
    t=0 0
    m=audio 49172 RTP/AVP 0 8 101
    a=rtpmap:0 PCMU/8000
    a=rtpmap:101 telephone-event/8000
    a=fmtp:101 0-16

    """)

    static let inviteWithSDP = message("""
    INVITE sip:bob@biloxi.example.com;user=phone SIP/2.0
    Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9
    Max-Forwards: 70
    Route: <sip:ss1.atlanta.example.com;lr>
    To: "Bob \\"the\\" Builder" <sip:bob@biloxi.example.com>
    From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
    Call-ID: 3848276298220188511@atlanta.example.com
    CSeq: 1 INVITE
    Contact: <sip:alice@192.0.2.101;transport=udp;ob>
    Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO
    Supported: replaces, 100rel, timer
    Session-Expires: 1800;refresher=uac
    User-Agent: Example UA/2.1 (Linux)
    Content-Type: application/sdp
    Content-Length: $LENGTH

    """, body: sdp)

    static let multipartBody = crlf("""
    --boundary42
    Content-Type: application/sdp

    v=0
    o=- 1 1 IN IP4 192.0.2.7
    s=-
    c=IN IP4 192.0.2.7
    t=0 0
    m=audio 4000 RTP/AVP 0

    --boundary42
    Content-Type: application/pidf+xml
    Content-ID: <target123@atlanta.example.com>

    <?xml version="1.0" encoding="UTF-8"?>
    <presence entity="sip:alice@atlanta.example.com"/>

    --boundary42--

    """)

    static let inviteWithMultipart = message("""
    INVITE sip:urn:service:sos@esrp.example.com SIP/2.0
    Via: SIP/2.0/TLS [2001:db8::7]:5061;branch=z9hG4bK-524287-1---a1b2c3
    Max-Forwards: 69
    To: <urn:service:sos>
    From: "Caller" <sips:+15555550100@example.com;user=phone>;tag=ab12
    Call-ID: 99e4d9a1-7f33-4a1f-8cdd-3b3a2a1b0001
    CSeq: 7 INVITE
    Contact: <sips:alice@[2001:db8::7]:5061;transport=tls>
    Geolocation: <cid:target123@atlanta.example.com>
    MIME-Version: 1.0
    Content-Type: multipart/mixed;boundary=boundary42
    Content-Length: $LENGTH

    """, body: multipartBody)

    static let ringingWithRecordRoute = message("""
    SIP/2.0 180 Ringing
    Via: SIP/2.0/UDP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1;received=192.0.2.222
    Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111
    Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101;rport=5060
    Record-Route: <sip:ss2.biloxi.example.com;lr>
    Record-Route: <sip:ss1.atlanta.example.com;lr>
    From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
    To: Bob <sip:bob@biloxi.example.com>;tag=314159
    Call-ID: 3848276298220188511@atlanta.example.com
    CSeq: 1 INVITE
    Contact: <sip:bob@client.biloxi.example.com>
    Content-Length: $LENGTH

    """)

    static let okWithRecordRouteAndSDP = message("""
    SIP/2.0 200 OK
    Via: SIP/2.0/UDP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1;received=192.0.2.222, SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111
    Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101
    Record-Route: <sip:ss2.biloxi.example.com;lr>, <sip:ss1.atlanta.example.com;lr>
    From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
    To: Bob <sip:bob@biloxi.example.com>;tag=314159
    Call-ID: 3848276298220188511@atlanta.example.com
    CSeq: 1 INVITE
    Contact: <sip:bob@client.biloxi.example.com>
    Content-Type: application/sdp
    Content-Length: $LENGTH

    """, body: sdp)

    static let requestWithIPv6Vias = message("""
    MESSAGE sip:user2@[2001:db8::20]:5070 SIP/2.0
    Via: SIP/2.0/TCP [2001:db8::10]:5060;branch=z9hG4bKas3-111;received=2001:db8::9;rport=33145
    Via: SIP/2.0/UDP [2001:db8:0:0:0:0:0:11];branch=z9hG4bKkdjuw;maddr=[ff02::1];ttl=1
    Max-Forwards: 68
    From: <sip:user1@[2001:db8::10]>;tag=49583
    To: <sip:user2@[2001:db8::20]:5070>
    Call-ID: asd88asd77a@2001:db8::10
    CSeq: 1 MESSAGE
    Content-Type: text/plain
    Content-Length: $LENGTH

    """, body: "Watson, come here.")

    static let compactForms = message("""
    SUBSCRIBE sip:presentity@example.com SIP/2.0
    v: SIP/2.0/TCP watcherhost.example.com;branch=z9hG4bKnashds7
    f: <sip:watcher@example.com>;tag=xfg9
    t: <sip:presentity@example.com>
    i: 2010@watcherhost.example.com
    CSeq: 17766 SUBSCRIBE
    Max-Forwards: 70
    o: presence
    Accept: application/pidf+xml
    m: <sip:user@watcherhost.example.com>
    k: eventlist
    Expires: 600
    l: $LENGTH

    """)

    static let foldedLines = message("""
    OPTIONS sip:carol@chicago.example.com SIP/2.0
    Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877,
     SIP/2.0/UDP proxy.atlanta.example.com;branch=z9hG4bK0a9idfnee
    Max-Forwards:
    \t70
    To: <sip:carol@chicago.example.com>
    From: "Alice Liddell"
      <sip:alice@atlanta.example.com>;tag=1928301774
    Call-ID: a84b4c76e66710
    CSeq: 63104 OPTIONS
    Subject: a subject that
     spans three
     lines
    Contact: <sip:alice@pc33.atlanta.example.com>
    Accept: application/sdp
    Content-Length: $LENGTH

    """)

    static let extensionMethod = message("""
    FOOBAR sip:service@example.com SIP/2.0
    Via: SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK-foo-1
    Max-Forwards: 70
    To: <sip:service@example.com>
    From: <sip:client@example.com>;tag=ext1
    Call-ID: foobar-1@client.example.com
    CSeq: 1 FOOBAR
    X-Extension-Header: some value; with=params, and, commas
    Content-Type: application/x-foobar
    Content-Length: $LENGTH

    """, body: "payload\r\nwith a line break")

    static let bye = message("""
    BYE sip:alice@pc33.atlanta.example.com SIP/2.0
    Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10
    Max-Forwards: 70
    Route: <sip:ss1.atlanta.example.com;lr>
    From: Bob <sip:bob@biloxi.example.com>;tag=314159
    To: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
    Call-ID: 3848276298220188511@atlanta.example.com
    CSeq: 1 BYE
    Content-Length: $LENGTH

    """)

    static let unauthorized = message("""
    SIP/2.0 401 Unauthorized
    Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;received=192.0.2.201;rport=5060
    From: Bob <sip:bob@biloxi.example.com>;tag=a73kszlfl
    To: Bob <sip:bob@biloxi.example.com>;tag=1410948204
    Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com
    CSeq: 1 REGISTER
    WWW-Authenticate: Digest realm="biloxi.example.com", qop="auth", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=FALSE, algorithm=SHA-256
    WWW-Authenticate: Digest realm="biloxi.example.com", qop="auth", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=FALSE, algorithm=MD5
    Content-Length: $LENGTH

    """)

    static let optionsOverTCP = message("""
    OPTIONS sip:ping@proxy.example.com;transport=tcp SIP/2.0
    Via: SIP/2.0/TCP 198.51.100.7:49152;branch=z9hG4bK.q1w2e3;alias
    Max-Forwards: 0
    To: <sip:ping@proxy.example.com>
    From: "Monitor" <sip:monitor@198.51.100.7:49152;transport=tcp>;tag=m0n
    Call-ID: opt-0001
    CSeq: 100 OPTIONS
    Accept: application/sdp
    Content-Length: $LENGTH

    """)

    /// Every corpus message, named for test failure messages.
    static let all: [(name: String, text: String)] = [
        ("REGISTER with digest credentials", registerWithCredentials),
        ("INVITE with SDP", inviteWithSDP),
        ("INVITE with multipart body", inviteWithMultipart),
        ("180 with Record-Route", ringingWithRecordRoute),
        ("200 with Record-Route and SDP", okWithRecordRouteAndSDP),
        ("MESSAGE with IPv6 Vias", requestWithIPv6Vias),
        ("SUBSCRIBE in compact forms", compactForms),
        ("OPTIONS with folded lines", foldedLines),
        ("extension method", extensionMethod),
        ("BYE", bye),
        ("401 with WWW-Authenticate", unauthorized),
        ("OPTIONS over TCP", optionsOverTCP),
    ]
}
