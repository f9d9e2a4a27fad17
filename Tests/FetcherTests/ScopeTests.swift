import Testing

@testable import Fetcher

struct ScopeTests {
    @Test func exactMatches() {
        let held = ["queue:get-artifact:private/a", "index:find-task:x"]
        #expect(scopesSatisfy(held: held, required: [["queue:get-artifact:private/a"]]))
        #expect(
            scopesSatisfy(
                held: held, required: [["index:find-task:x", "queue:get-artifact:private/a"]]))
        #expect(!scopesSatisfy(held: held, required: [["queue:get-artifact:private/b"]]))
        #expect(!scopesSatisfy(held: held, required: [["queue:get-artifact:private/a", "other"]]))
        #expect(!scopesSatisfy(held: held, required: [["queue:get-artifact:private"]]))
    }

    @Test func anyOneSetIsEnough() {
        let held = ["b"]
        #expect(scopesSatisfy(held: held, required: [["a"], ["b"]]))
        #expect(!scopesSatisfy(held: held, required: [["a"], ["b", "c"]]))
    }

    @Test func trailingStarMatchesPrefixes() {
        let held = ["queue:get-artifact:private/*"]
        #expect(scopesSatisfy(held: held, required: [["queue:get-artifact:private/a/b.tgz"]]))
        #expect(scopesSatisfy(held: held, required: [["queue:get-artifact:private/"]]))
        #expect(scopesSatisfy(held: held, required: [["queue:get-artifact:private/*"]]))
        #expect(!scopesSatisfy(held: held, required: [["queue:get-artifact:private"]]))
        #expect(!scopesSatisfy(held: held, required: [["queue:get-artifact:public/a"]]))
    }

    @Test func starAloneMatchesEverything() {
        #expect(scopesSatisfy(held: ["*"], required: [["anything", ""], ["x"]]))
        #expect(scopeSatisfies(held: "*", required: ""))
    }

    @Test func starElsewhereIsLiteral() {
        #expect(!scopesSatisfy(held: ["queue:*:x"], required: [["queue:get:x"]]))
        #expect(scopesSatisfy(held: ["queue:*:x"], required: [["queue:*:x"]]))
        #expect(!scopesSatisfy(held: ["a*b"], required: [["ab"]]))
        #expect(!scopesSatisfy(held: ["queue:get"], required: [["queue:*"]]))
        #expect(scopeSatisfies(held: "a**", required: "a*c"))
        #expect(!scopeSatisfies(held: "a**", required: "ac"))
    }

    @Test func emptySetIsAlwaysSatisfied() {
        #expect(scopesSatisfy(held: [], required: [[]]))
        #expect(scopesSatisfy(held: ["x"], required: [["y"], []]))
    }

    @Test func noSetsAreNeverSatisfied() {
        #expect(!scopesSatisfy(held: [], required: []))
        #expect(!scopesSatisfy(held: ["*"], required: []))
    }

    @Test func accessDeniedMessageListsEachSet() {
        let error = AccessDeniedError(
            subject: "fN1SbArXTPSVFNUvaOlinQ/0/private/a", required: [["a", "b"], ["c"]])
        #expect(
            error.description
                == "access denied to fN1SbArXTPSVFNUvaOlinQ/0/private/a: it needs all scopes "
                + "of one of these sets:\n  - a, b\n  - c")
    }

    @Test func accessDeniedMessageForDegenerateRequirements() {
        #expect(
            AccessDeniedError(subject: "x", required: []).description
                == "access denied to x: no set of scopes grants it")
        #expect(
            AccessDeniedError(subject: "x", required: [[]]).description
                == "access denied to x: it needs all scopes of one of these sets:\n  - (no scopes)")
    }
}
