import Testing
@testable import ReproConsole

@Suite struct FormValidationTests {
    @Test func usersAllowRFC3261CharactersOnly() {
        #expect(FormValidation.user("alice.smith+1") == nil)
        #expect(FormValidation.user("") == "required")
        #expect(FormValidation.user("bad user") != nil)
        #expect(FormValidation.user("a@b") != nil)
    }

    @Test func domainsAreHostNamesOrAddresses() {
        #expect(FormValidation.domain("example.com") == nil)
        #expect(FormValidation.domain("192.0.2.1") == nil)
        #expect(FormValidation.domain("[2001:db8::1]") == nil)
        #expect(FormValidation.domain("-bad.com") != nil)
        #expect(FormValidation.domain("a..b") != nil)
        #expect(FormValidation.domain("ex ample.com") != nil)
    }

    @Test func urisNeedASipSipsOrTelScheme() {
        #expect(FormValidation.uri("sip:bob@example.com") == nil)
        #expect(FormValidation.uri("tel:+15551234") == nil)
        #expect(FormValidation.uri("http://x") != nil)
        #expect(FormValidation.uri("sip:") != nil)
        #expect(FormValidation.uri("sip:bob@") != nil)
        #expect(FormValidation.uri("sip:bob @x") != nil)
    }

    @Test func regexesMustCompile() {
        #expect(FormValidation.regex("^sip:9([0-9]+)@.*") == nil)
        #expect(FormValidation.regex("([") != nil)
    }

    @Test func rewritesMayReferToGroups() {
        #expect(FormValidation.rewrite("sip:$1@gw.example.com") == nil)
        #expect(FormValidation.rewrite("gw.example.com") != nil)
    }

    @Test func passwordsMustBeTypedTwiceTheSame() {
        #expect(FormValidation.passwords("", "") == ("required", nil))
        #expect(FormValidation.passwords("a", "b") == (nil, "passwords differ"))
        #expect(FormValidation.passwords("a", "a") == (nil, nil))
    }

    @Test func addUserFormShowsEveryErrorBesideItsField() {
        let form = UserForms.add(defaultDomain: "example.com")
        form["user"] = "bad user"
        form["domain"] = "ex ample"
        form["password"] = "x"
        form["password2"] = "y"
        form["email"] = "nope"
        let errors = UserForms.validateAdd(form)
        #expect(Set(errors.keys) == ["user", "domain", "password2", "email"])
        #expect(!form.setErrors(errors))
        #expect(form.fields.first { $0.key == "user" }?.error == "invalid character in user")
    }

    @Test func validAddFormMakesAUserWithItsDomainAsRealm() {
        let form = UserForms.add(defaultDomain: "Example.com")
        form["user"] = "dave"
        form["password"] = "pw"
        form["password2"] = "pw"
        #expect(UserForms.validateAdd(form).isEmpty)
        let user = UserForms.newUser(from: form)
        #expect(user.domain == "example.com")
        #expect(user.realm == "example.com")
    }

    @Test func routeFormRejectsBadRegexAndRewrite() {
        let form = RouteForms.edit(nil)
        form["pattern"] = "(["
        form["rewrite"] = "nowhere"
        form["method"] = "IN VITE"
        #expect(Set(RouteForms.validateRoute(form).keys) == ["pattern", "rewrite", "method"])
    }

    @Test func formKeysTypeMoveAndSubmit() {
        let form = FormState(title: "t", fields: [FormField(key: "a", label: "A"), FormField(key: "b", label: "B")])
        for c in "hi" { _ = form.handleKey(.char(c)) }
        _ = form.handleKey(.tab)
        _ = form.handleKey(.char("x"))
        _ = form.handleKey(.backspace)
        _ = form.handleKey(.char("y"))
        #expect(form["a"] == "hi")
        #expect(form["b"] == "y")
        #expect(form.handleKey(.enter) == .submit)
        #expect(form.handleKey(.escape) == .cancel)
    }
}
