import XCTest
@testable import SIPCore

/// The byte classes against the character lists of RFC 3261 §25.1, byte for byte.
final class CharacterClassTests: XCTestCase {
    private static let alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    private func assertClass(_ member: (UInt8) -> Bool, is chars: String, _ name: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        let expected = Set(chars.utf8)
        for b in 0...255 {
            let byte = UInt8(b)
            XCTAssertEqual(member(byte), expected.contains(byte), "\(name): byte \(b)", file: file, line: line)
        }
    }

    func testGrammarClasses() {
        let a = Self.alphanum
        assertClass(CharacterClass.isToken, is: a + "-.!%*_+`'~", "token")
        assertClass(CharacterClass.isUnreserved, is: a + "-_.!~*'()", "unreserved")
        assertClass(CharacterClass.isUserChar, is: a + "-_.!~*'()&=+$,;?/", "user")
        assertClass(CharacterClass.isPasswordChar, is: a + "-_.!~*'()&=+$,", "password")
        assertClass(CharacterClass.isURIParamChar, is: a + "-_.!~*'()[]/:&+$", "paramchar")
        assertClass(CharacterClass.isURIHeaderChar, is: a + "-_.!~*'()[]/?:+$", "hnv")
        assertClass(CharacterClass.isWordChar, is: a + "-.!%*_+`'~()<>:\\\"/[]?{}", "word")
        assertClass(CharacterClass.isDigit, is: "0123456789", "DIGIT")
        assertClass(CharacterClass.isHexDigit, is: "0123456789abcdefABCDEF", "HEXDIG")
        assertClass(SipURI.isHostChar, is: a + "-.", "hostname")
        assertClass(SipURI.isIPv6Char, is: "0123456789abcdefABCDEF:.", "IPv6reference")
        assertClass(SipURI.isUserinfoChar, is: a + "-_.!~*'()&=+$,;?/%:", "userinfo")
        assertClass(Parameters.isValueChar, is: a + "-.!%*_+`'~[]:", "gen-value")
        assertClass(HeaderGrammar.isCallIDChar, is: a + "-.!%*_+`'~()<>:\\\"/[]?{}@", "callid")
        assertClass(NameAddr.isDisplayNameTokenChar, is: a + "-.!%*_+`'~ \t", "display-name token")
        assertClass(SipURI.isParamChar, is: a + "-_.!~*'()[]/:&+$%", "pname/pvalue with escapes")
        assertClass(SipURI.isHeaderChar, is: a + "-_.!~*'()[]/?:+$%", "hname/hvalue with escapes")
        assertClass(CharacterClass.isWhitespace, is: " \t\r\n", "LWS")
    }

    func testTablesAgreeWithTheirPredicates() {
        for b in 0...255 {
            let byte = UInt8(b)
            XCTAssertEqual(CharacterClass.token[b], CharacterClass.isToken(byte))
            XCTAssertEqual(CharacterClass.user[b], CharacterClass.isUserChar(byte))
            XCTAssertEqual(CharacterClass.uriParam[b], CharacterClass.isURIParamChar(byte))
            XCTAssertEqual(CharacterClass.uriHeader[b], CharacterClass.isURIHeaderChar(byte))
            XCTAssertEqual(CharacterClass.word[b], CharacterClass.isWordChar(byte))
            XCTAssertEqual(Parameters.valueChars[b], Parameters.isValueChar(byte))
        }
    }
}
