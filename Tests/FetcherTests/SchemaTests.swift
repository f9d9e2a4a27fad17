import Foundation
import Testing

@testable import Fetcher

private let taskIdPattern =
    "^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$"

private let artifactSchema = Schema.object(
    title: "Artifact",
    description: "An artifact of a Taskcluster task.",
    properties: [
        "taskId": .string(pattern: taskIdPattern),
        "runId": .integer(minimum: 0, maximum: 50),
        "artifact": .string(minLength: 1, maxLength: 1024),
    ],
    required: ["taskId", "artifact"])

private let urlSchema = Schema.string(title: "URL", format: .uri)

/// The violations of `value` against `schema`, as their descriptions.
private func problems(_ schema: Schema, _ value: JSONValue) -> [String] {
    schema.validate(value).map(\.description)
}

struct SchemaTests {
    // MARK: Objects

    @Test func acceptsAMatchingObject() throws {
        let value: JSONValue = ["taskId": "fN1SbArXTPSVFNUvaOlinQ", "runId": 0, "artifact": "a"]
        #expect(artifactSchema.validate(value).isEmpty)
        #expect(artifactSchema.matches(["taskId": "fN1SbArXTPSVFNUvaOlinQ", "artifact": "a"]))
        #expect(try artifactSchema.validated(value) == value)
    }

    @Test func reportsMissingAndUnexpectedProperties() {
        #expect(
            problems(artifactSchema, ["artifact": "a", "extra": 1])
                == ["/extra: property is not allowed", "/taskId: required property is missing"])
        let open = Schema.object(properties: ["a": .integer()], additionalProperties: true)
        #expect(open.matches(["b": "anything", "a": 1]))
        #expect(open.matches([:]))
        #expect(problems(open, ["a": "1"]) == ["/a: expected an integer, got a string"])
    }

    @Test func reportsTheWrongKindAtTheRoot() {
        #expect(problems(artifactSchema, [1]) == ["(root): expected an object, got an array"])
        #expect(problems(artifactSchema, nil) == ["(root): expected an object, got null"])
        #expect(problems(urlSchema, ["url": "x"]) == ["(root): expected a string, got an object"])
        #expect(problems(.integer(), true) == ["(root): expected an integer, got a boolean"])
    }

    @Test func collectsEveryFailureInTheOrderOfNames() {
        let value: JSONValue = [
            "taskId": "abc", "runId": 51, "zeta": nil, "extra": [], "artifact": "",
        ]
        #expect(
            problems(artifactSchema, value) == [
                "/artifact: length 0 is less than the minimum length 1",
                "/extra: property is not allowed",
                "/runId: 51 is greater than the maximum 50",
                "/taskId: \"abc\" does not match the pattern \(taskIdPattern)",
                "/zeta: property is not allowed",
            ])
    }

    @Test func escapesPropertyNamesInPointers() {
        let schema = Schema.object(
            properties: ["a/b": .object(properties: ["m~n": .integer(maximum: 1)])])
        #expect(
            problems(schema, ["a/b": ["m~n": 2]]) == ["/a~1b/m~0n: 2 is greater than the maximum 1"]
        )
        #expect(problems(schema, ["~/": 1]) == ["/~0~1: property is not allowed"])
        let violation = schema.validate(["a/b": ["m~n": 2]]).first
        #expect(violation?.path == "/a~1b/m~0n")
        #expect(violation?.message == "2 is greater than the maximum 1")
    }

    @Test func reportsNestedObjects() {
        let schema = Schema.object(
            properties: ["source": .object(properties: ["url": urlSchema], required: ["url"])],
            required: ["source"])
        #expect(problems(schema, [:]) == ["/source: required property is missing"])
        #expect(problems(schema, ["source": [:]]) == ["/source/url: required property is missing"])
        #expect(
            problems(schema, ["source": ["url": "ftp://x"]])
                == [#"/source/url: "ftp://x" is not an absolute http or https URL"#])
    }

    // MARK: Integers

    @Test func checksIntegerBounds() {
        let runId = Schema.object(properties: ["runId": .integer(minimum: 0, maximum: 50)])
        #expect(runId.matches(["runId": 0]))
        #expect(runId.matches(["runId": 50]))
        #expect(problems(runId, ["runId": 51]) == ["/runId: 51 is greater than the maximum 50"])
        #expect(problems(runId, ["runId": -1]) == ["/runId: -1 is less than the minimum 0"])
        #expect(problems(runId, ["runId": "5"]) == ["/runId: expected an integer, got a string"])
        #expect(problems(runId, ["runId": nil]) == ["/runId: expected an integer, got null"])
    }

    @Test func acceptsIntegralNumbersAsIntegers() {
        let bounded = Schema.integer(minimum: 0, maximum: 50)
        #expect(bounded.matches(.number(5)))
        #expect(bounded.matches(.number(-0.0)))
        #expect(problems(bounded, 5.5) == ["(root): expected an integer, got a number"])
        #expect(problems(bounded, .number(51)) == ["(root): 51.0 is greater than the maximum 50"])
        #expect(problems(bounded, 1e300) == ["(root): 1e+300 is greater than the maximum 50"])
        #expect(problems(bounded, -1e300) == ["(root): -1e+300 is less than the minimum 0"])
        #expect(Schema.integer().matches(1e300))
        #expect(!Schema.integer().matches(.number(.infinity)))
        #expect(!Schema.integer().matches(.number(.nan)))
        #expect(Schema.integer(minimum: .min, maximum: .max).matches(.integer(.min)))
    }

    // MARK: Strings

    @Test func checksTheTaskIdPattern() {
        let taskId = Schema.object(properties: ["taskId": .string(pattern: taskIdPattern)])
        #expect(taskId.matches(["taskId": "fN1SbArXTPSVFNUvaOlinQ"]))
        #expect(taskId.matches(["taskId": "________Q_C__________A"]))
        #expect(
            problems(taskId, ["taskId": "fN1SbArXTPSVFNUvaOlinZ"])
                == [
                    #"/taskId: "fN1SbArXTPSVFNUvaOlinZ" does not match the pattern "#
                        + taskIdPattern
                ])
        #expect(
            problems(.string(pattern: "^[A-Z]+$"), ["taskId": "abc"])
                == ["(root): expected a string, got an object"])
        #expect(
            problems(
                .object(properties: ["taskId": .string(pattern: "^[A-Z]+$")]), ["taskId": "abc"])
                == [#"/taskId: "abc" does not match the pattern ^[A-Z]+$"#])
    }

    @Test func searchesWithUnanchoredPatterns() {
        #expect(Schema.string(pattern: "b").matches("abc"))
        #expect(!Schema.string(pattern: "^b").matches("abc"))
        #expect(Schema.string(pattern: "^é+$").matches("éé"))
        #expect(
            Schema.string(pattern: #"^[a-zA-Z0-9_!~*'()%.-]+$"#).matches("project.releases.latest"))
    }

    @Test func reportsAnInvalidPatternWithoutCrashing() {
        let schema = Schema.string(pattern: "(")
        for _ in 0..<2 {
            #expect(
                problems(schema, "x") == ["(root): the pattern ( is not a valid regular expression"]
            )
        }
        #expect(problems(schema, 1) == ["(root): expected a string, got an integer"])
    }

    @Test func checksLengthsInCodePoints() {
        let schema = Schema.object(properties: ["artifact": .string(minLength: 2, maxLength: 1024)])
        #expect(
            problems(schema, ["artifact": .string(String(repeating: "a", count: 2000))])
                == ["/artifact: length 2000 is greater than the maximum length 1024"])
        #expect(
            problems(schema, ["artifact": "a"]) == [
                "/artifact: length 1 is less than the minimum length 2"
            ])
        let one = Schema.string(maxLength: 1)
        #expect(one.matches("😀"))
        #expect(one.matches("é"))
        #expect(
            problems(one, "e\u{301}") == ["(root): length 2 is greater than the maximum length 1"])
    }

    @Test func shortensLongValuesInMessages() {
        let long =
            String(repeating: "a", count: 39) + "bc" + String(repeating: "d", count: 10_000_000)
        let start = Date()
        let found = problems(.string(pattern: "^x", format: .uri), .string(long))
        #expect(Date().timeIntervalSince(start) < 5)
        let quoted = "\"" + String(repeating: "a", count: 39) + "b…\" (10000041 characters)"
        #expect(
            found == [
                "(root): \(quoted) is not an absolute http or https URL",
                "(root): a string of 10000041 bytes is too long to check against the pattern ^x "
                    + "(the limit is 65536 bytes)",
            ])
        let exact = String(repeating: "a", count: 40)
        #expect(
            problems(.string(pattern: "^x"), .string(exact)) == [
                "(root): \"\(exact)\" does not match the pattern ^x"
            ])
        #expect(
            problems(.string(pattern: "^x"), "a\"\n") == [
                #"(root): "a\"\n" does not match the pattern ^x"#
            ])
    }

    @Test func runsPatternsUpTo64KiB() {
        let limit = 64 * 1024
        let schema = Schema.string(pattern: "^(a|b)*$")
        let atTheLimit = schema.validate(.string(String(repeating: "ab", count: limit / 2)))
        #expect(atTheLimit.isEmpty)
        let beyond = schema.validate(.string(String(repeating: "é", count: limit / 2 + 1)))
        #expect(
            beyond.map(\.description) == [
                "(root): a string of 65538 bytes is too long to check against the pattern ^(a|b)*$ "
                    + "(the limit is 65536 bytes)"
            ])
        let lengthOnly = Schema.string(maxLength: 2).validate(
            .string(String(repeating: "a", count: 10 * limit)))
        #expect(lengthOnly.map(\.message) == ["length 655360 is greater than the maximum length 2"])
    }

    @Test func acceptsAbsoluteHTTPURLs() {
        let valid = [
            "http://x", "https://example.com/path/to/blob.tar.gz?query=1&b=%20#fragment",
            "HTTPS://Example.COM:8443/", "http://127.0.0.1:5000/a", "http://[::1]:80/a",
            "https://user:password@host/", "https://host/a%2Fb",
        ]
        for text in valid {
            #expect(urlSchema.matches(.string(text)), "\(text)")
        }
    }

    @Test func refusesOtherURLs() {
        let invalid = [
            "ftp://x", "file:///etc/passwd", "mailto:a@b.c", "/relative/path", "relative",
            "//example.com/x", "http://", "http:///path", "http:/x", "http:x", "https://a b.com/",
            "http://x.org/a b", "http://x.org/\n", "http://x/%zz", "http://x/%4",
            "http://bücher.de",
            "http://x:port/", "http://@/", "", " http://x", "javascript:alert(1)",
        ]
        for text in invalid {
            #expect(!urlSchema.matches(.string(text)), "\(text)")
        }
        #expect(
            problems(urlSchema, "ftp://x") == [
                #"(root): "ftp://x" is not an absolute http or https URL"#
            ])
    }

    // MARK: oneOf

    private static let combined = Schema.oneOf([urlSchema, artifactSchema], title: "Reference")

    @Test func acceptsExactlyOneAlternative() {
        #expect(Self.combined.matches("https://example.com/x"))
        #expect(Self.combined.matches(["taskId": "fN1SbArXTPSVFNUvaOlinQ", "artifact": "a"]))
    }

    @Test func explainsWhyNoAlternativeMatches() {
        let value: JSONValue = ["taskId": "fN1SbArXTPSVFNUvaOlinQ", "extra": true]
        #expect(
            problems(Self.combined, value) == [
                "(root): matches none of the 2 alternatives "
                    + "(URL: expected a string, got an object) "
                    + "(Artifact: /artifact: required property is missing; "
                    + "/extra: property is not allowed)"
            ])
        #expect(
            problems(Self.combined, "ftp://x") == [
                #"(root): matches none of the 2 alternatives (URL: "ftp://x" is not an absolute "#
                    + "http or https URL) (Artifact: expected an object, got a string)"
            ])
    }

    @Test func namesUntitledAlternativesByPositionAndShortensLongLists() {
        let schema = Schema.object(
            properties: [
                "source": .oneOf([
                    .integer(maximum: 1),
                    .object(properties: [
                        "a": .integer(), "b": .integer(), "c": .integer(), "d": .integer(),
                    ]),
                ])
            ])
        let value: JSONValue = ["source": ["a": "1", "b": "2", "c": "3", "d": "4"]]
        #expect(
            problems(schema, value) == [
                "/source: matches none of the 2 alternatives "
                    + "(alternative 1: expected an integer, got an object) "
                    + "(alternative 2: /source/a: expected an integer, got a string; "
                    + "/source/b: expected an integer, got a string; "
                    + "/source/c: expected an integer, got a string; and 1 more)"
            ])
        #expect(
            problems(schema, ["source": 2])
                == [
                    "/source: matches none of the 2 alternatives (alternative 1: 2 is greater than "
                        + "the maximum 1) (alternative 2: expected an object, got an integer)"
                ])
        #expect(schema.matches(["source": ["a": 1]]))
    }

    @Test func refusesAValueMatchingSeveralAlternatives() {
        let schema = Schema.oneOf([
            .integer(maximum: 10), .integer(title: "natural", minimum: 0), .string(),
        ])
        #expect(schema.matches(-5))
        #expect(schema.matches(50))
        #expect(
            problems(schema, 5) == [
                "(root): matches more than one alternative: alternative 1, natural"
            ])
        #expect(problems(.oneOf([]), 1) == ["(root): matches none of the 0 alternatives"])
        #expect(
            problems(.oneOf([.string()]), 1) == [
                "(root): matches none of the 1 alternative "
                    + "(alternative 1: expected a string, got an integer)"
            ])
    }

    @Test func reportsNestedOneOf() {
        let inner = Schema.oneOf([.string(title: "name"), .integer(title: "id")], title: "Key")
        let schema = Schema.oneOf([
            .object(title: "Keyed", properties: ["key": inner], required: ["key"]), .integer(),
        ])
        #expect(schema.matches(["key": 1]))
        #expect(
            problems(schema, ["key": true]) == [
                "(root): matches none of the 2 alternatives (Keyed: /key: matches none of the 2 "
                    + "alternatives (name: expected a string, got a boolean) "
                    + "(id: expected an integer, got a boolean)) "
                    + "(alternative 2: expected an integer, got an object)"
            ])
    }

    // MARK: Errors

    @Test func throwsEveryViolationAtOnce() throws {
        let error = try #require(throws: SchemaValidationError.self) {
            try artifactSchema.validated(["runId": -1, "artifact": "a"])
        }
        #expect(error.schemaTitle == "Artifact")
        #expect(error.violations.count == 2)
        #expect(
            error.description == """
                the value does not match the schema "Artifact" (2 violations):
                  /runId: -1 is less than the minimum 0
                  /taskId: required property is missing
                """)
        let untitled = try #require(throws: SchemaValidationError.self) {
            try Schema.integer().validated("x")
        }
        #expect(
            untitled.description == "the value does not match the schema (1 violation):\n"
                + "  (root): expected an integer, got a string")
    }

    @Test func validatesConcurrently() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let schema = Schema.string(pattern: "^p\(index % 4)-[a-z]+$")
                    return schema.matches(.string("p\(index % 4)-abc")) && !schema.matches("p9-abc")
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 16))
    }

    // MARK: JSON Schema export

    @Test func exportsDraft07Keywords() {
        #expect(
            Schema.integer(minimum: 0, maximum: 50).jsonSchema.serialized()
                == #"{"maximum":50,"minimum":0,"type":"integer"}"#)
        #expect(
            Schema.string(
                title: "URL", description: "Where.", pattern: "^h", minLength: 1, maxLength: 9,
                format: .uri
            )
            .jsonSchema.serialized()
                == #"{"description":"Where.","format":"uri","maxLength":9,"minLength":1,"#
                + #""pattern":"^h","title":"URL","type":"string"}"#)
        #expect(
            Schema.object(properties: ["a": .string()]).jsonSchema.serialized()
                == #"{"additionalProperties":false,"properties":{"a":{"type":"string"}},"#
                + #""type":"object"}"#
        )
        #expect(
            Schema.oneOf([.integer(), .string()]).jsonSchema.serialized()
                == #"{"oneOf":[{"type":"integer"},{"type":"string"}]}"#)
    }

    @Test func exportsADocumentThatJSONSerializationReads() throws {
        let document = Self.combined.jsonSchemaDocument
        let text = document.serialized(pretty: true)
        #expect(try JSONValue(parsing: text) == document)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        let root = try #require(parsed as? [String: Any])
        #expect(root["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        #expect(root["title"] as? String == "Reference")
        let alternatives = try #require(root["oneOf"] as? [[String: Any]])
        #expect(alternatives.count == 2)
        #expect(alternatives[0]["type"] as? String == "string")
        #expect(alternatives[0]["format"] as? String == "uri")
        let artifact = alternatives[1]
        #expect(artifact["type"] as? String == "object")
        #expect(artifact["description"] as? String == "An artifact of a Taskcluster task.")
        #expect(artifact["required"] as? [String] == ["taskId", "artifact"])
        #expect((artifact["additionalProperties"] as? NSNumber).map { $0 == false } == true)
        let properties = try #require(artifact["properties"] as? [String: [String: Any]])
        #expect(properties["taskId"]?["pattern"] as? String == taskIdPattern)
        #expect(properties["runId"]?["minimum"] as? Int == 0)
        #expect(properties["runId"]?["maximum"] as? Int == 50)
        #expect(properties["artifact"]?["maxLength"] as? Int == 1024)
        #expect(properties["artifact"]?["minLength"] as? Int == 1)
        #expect(Self.combined.jsonSchema["$schema"] == nil)
    }
}
