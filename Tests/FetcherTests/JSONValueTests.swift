import Foundation
import Testing

@testable import Fetcher

/// The error that parsing `text` throws, or `nil` if it parses.
private func parseError(_ text: String) -> JSONParseError? {
    do {
        _ = try JSONValue(parsing: text)
        return nil
    } catch {
        return error
    }
}

/// The error that parsing `bytes` throws, or `nil` if they parse.
private func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONValue(parsing: Data(bytes))
        return nil
    } catch {
        return error
    }
}

struct JSONValueTests {
    // MARK: Parsing values

    @Test func parsesScalars() throws {
        #expect(try JSONValue(parsing: "null") == .null)
        #expect(try JSONValue(parsing: "true") == .bool(true))
        #expect(try JSONValue(parsing: " false ") == .bool(false))
        #expect(try JSONValue(parsing: "\"text\"") == .string("text"))
        #expect(try JSONValue(parsing: "\t\r\n42\n") == .integer(42))
    }

    @Test func tellsIntegersFromNumbers() throws {
        #expect(try JSONValue(parsing: "0") == .integer(0))
        #expect(try JSONValue(parsing: "-0") == .integer(0))
        #expect(try JSONValue(parsing: "-17") == .integer(-17))
        #expect(try JSONValue(parsing: "9223372036854775807") == .integer(.max))
        #expect(try JSONValue(parsing: "-9223372036854775808") == .integer(.min))
        #expect(try JSONValue(parsing: "9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: "1.0") == .number(1))
        #expect(try JSONValue(parsing: "5.5") == .number(5.5))
        #expect(try JSONValue(parsing: "1e2") == .number(100))
        #expect(try JSONValue(parsing: "-2.5E-3") == .number(-0.0025))
        #expect(try JSONValue(parsing: "1e-400") == .number(0))
        #expect(JSONValue.integer(5) != JSONValue.number(5))
    }

    @Test func readsIntegralNumbersAsIntegers() {
        #expect(JSONValue.number(5).integerValue == 5)
        #expect(JSONValue.number(5.5).integerValue == nil)
        #expect(JSONValue.number(1e300).integerValue == nil)
        #expect(JSONValue.integer(-3).integerValue == -3)
        #expect(JSONValue.integer(-3).numberValue == -3)
        #expect(JSONValue.string("5").integerValue == nil)
    }

    @Test func parsesNestedValuesAndReadsThem() throws {
        let value = try JSONValue(parsing: #"{"a": [1, {"b": null}, "x"], "c": {}, "d": []}"#)
        #expect(value["a"]?[0] == .integer(1))
        #expect(value["a"]?[1]?["b"] == .null)
        #expect(value["a"]?[2]?.stringValue == "x")
        #expect(value["a"]?[3] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["c"]?.objectValue == [:])
        #expect(value["d"]?.arrayValue == [])
        #expect(value["missing"] == nil)
        #expect(value["a"]?["b"] == nil)
        #expect(value.objectValue?.count == 3)
        #expect(value.stringValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.bool(true).boolValue == true)
    }

    @Test func namesKinds() {
        let kinds: [(JSONValue, String)] = [
            (.null, "null"), (.bool(false), "a boolean"), (.integer(1), "an integer"),
            (.number(1.5), "a number"), (.string(""), "a string"), (.array([]), "an array"),
            (.object([:]), "an object"),
        ]
        for (value, name) in kinds {
            #expect(value.kindName == name)
        }
    }

    @Test func decodesStringEscapes() throws {
        let text = #""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u00E9 \ud83d\ude00 \u0000""#
        let expected = "q\" b\\ s/ \u{08}\u{0C}\n\r\t é é 😀 \u{0}"
        #expect(try JSONValue(parsing: text) == .string(expected))
        #expect(try JSONValue(parsing: "\"raw é 😀 中\"") == .string("raw é 😀 中"))
    }

    @Test func findsValuesByPointer() throws {
        let value: JSONValue = ["a/b": ["m~n": [10, 20]], "": 1]
        #expect(value.value(atPointer: "") == value)
        #expect(value.value(atPointer: "/a~1b/m~0n/1") == 20)
        #expect(value.value(atPointer: "/") == 1)
        #expect(value.value(atPointer: "/a~1b/m~0n/01") == nil)
        #expect(value.value(atPointer: "/a~1b/m~0n/+1") == nil)
        #expect(value.value(atPointer: "/a~2b") == nil)
        #expect(value.value(atPointer: "a") == nil)
    }

    // MARK: Parse errors

    @Test func reportsEmptyInput() {
        #expect(parseError("")?.reason == .emptyInput)
        #expect(parseError(" \n ")?.description == "invalid JSON: the input is empty")
    }

    @Test func reportsSyntaxErrorsWithTheirOffset() {
        #expect(
            parseError("[1 x]")?.description
                == "invalid JSON at byte 3: expected ',' or ']' but found 'x'")
        #expect(
            parseError("[1, 2")?.description
                == "invalid JSON at byte 5: unexpected end of input, expected ',' or ']'")
        #expect(
            parseError(#"{"a":1,}"#)?.description
                == "invalid JSON at byte 7: expected a string key but found '}'")
        #expect(
            parseError(#"{"a" 1}"#)?.description
                == "invalid JSON at byte 5: expected ':' but found '1'")
        #expect(
            parseError("[1,]")?.description
                == "invalid JSON at byte 3: expected a value but found ']'")
        #expect(
            parseError("{a: 1}")?.reason
                == .unexpectedByte(UInt8(ascii: "a"), expected: "a string key"))
        #expect(
            parseError("{} x")?.description
                == "invalid JSON at byte 3: unexpected 'x' after the end of the value")
        #expect(parseError("1 2")?.reason == .trailingData(UInt8(ascii: "2")))
        #expect(
            parseError("tru")?.description
                == "invalid JSON at byte 3: unexpected end of input, expected 'true'")
        #expect(
            parseError("nul1")?.reason == .unexpectedByte(UInt8(ascii: "1"), expected: "'null'"))
        #expect(parseError("[1] // comment")?.reason == .trailingData(UInt8(ascii: "/")))
    }

    @Test func refusesNumbersThatAreNotJSON() {
        #expect(
            parseError("NaN")?.reason == .unexpectedByte(UInt8(ascii: "N"), expected: "a value"))
        #expect(
            parseError("Infinity")?.reason
                == .unexpectedByte(UInt8(ascii: "I"), expected: "a value"))
        #expect(
            parseError("-Infinity")?.description
                == "invalid JSON at byte 1: expected a digit after '-' but found 'I'")
        #expect(parseError("nan")?.reason == .unexpectedByte(UInt8(ascii: "a"), expected: "'null'"))
        #expect(
            parseError("01")?.description
                == "invalid JSON at byte 0: a number cannot start with 0 followed by more digits")
        #expect(parseError("-")?.reason == .unexpectedEndOfInput(expected: "a digit after '-'"))
        #expect(
            parseError("1.")?.reason
                == .unexpectedEndOfInput(expected: "a digit after the decimal point"))
        #expect(parseError(".5")?.reason == .unexpectedByte(UInt8(ascii: "."), expected: "a value"))
        #expect(
            parseError("1e+")?.reason
                == .unexpectedEndOfInput(expected: "a digit after the exponent"))
        #expect(parseError("+1")?.reason == .unexpectedByte(UInt8(ascii: "+"), expected: "a value"))
        #expect(parseError("0x10")?.reason == .trailingData(UInt8(ascii: "x")))
        #expect(
            parseError("[1e400]")?.description
                == "invalid JSON at byte 1: the number 1e400 is too large to represent")
        #expect(parseError("-1e400")?.reason == .numberOutOfRange("-1e400"))
    }

    @Test func refusesBrokenStrings() {
        #expect(
            parseError(#""abc"#)?.description
                == "invalid JSON at byte 4: unexpected end of input, "
                + "expected '\"' to close the string"
        )
        #expect(
            parseError(#""a\xb""#)?.description
                == "invalid JSON at byte 3: 'x' after '\\' does not start an escape")
        #expect(
            parseError(#""\u12G4""#)?.description
                == "invalid JSON at byte 5: \\u must be followed by four hexadecimal digits")
        #expect(
            parseError(#""\u12"#)?.reason
                == .unexpectedEndOfInput(expected: "four hexadecimal digits after '\\u'"))
        #expect(
            parseError(#""x\ud800""#)?.description
                == "invalid JSON at byte 2: \\uD800 is half of a UTF-16 surrogate pair "
                + "without the other"
        )
        #expect(parseError(#""\udc00""#)?.reason == .unpairedSurrogate(0xDC00))
        #expect(parseError(#""\ud800\u0041""#)?.reason == .unpairedSurrogate(0xD800))
        #expect(
            parseError("\"a\nb\"")?.description
                == "invalid JSON at byte 2: a string holds the control character byte 0x0A, "
                + "which must be escaped")
    }

    @Test func refusesInvalidUTF8WithoutCrashing() {
        let invalidInsideStrings: [[UInt8]] = [
            [0xFF],  // never valid
            [0xC0, 0x80],  // overlong encoding of NUL
            [0xE0, 0x80, 0x80],  // overlong three-byte sequence
            [0xED, 0xA0, 0x80],  // an encoded UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
            [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
            [0xC3],  // truncated before the closing quote
            [0x80],  // continuation byte without a lead
        ]
        for sequence in invalidInsideStrings {
            let error = parseError(bytes: [0x22, 0x61] + sequence + [0x22])
            #expect(error?.reason == .invalidUTF8)
            #expect(error?.offset == 2)
        }
        #expect(
            parseError(bytes: [0x22, 0xE2, 0x82])?.description
                == "invalid JSON at byte 1: a string holds bytes that are not valid UTF-8")
        #expect(
            parseError(bytes: [0x5B, 0xFF, 0x5D])?.description
                == "invalid JSON at byte 1: expected a value but found byte 0xFF")
        #expect(parseError(bytes: [0x5B, 0x31, 0x5D, 0x00])?.reason == .trailingData(0))
    }

    @Test func acceptsValidMultibyteUTF8AndAByteOrderMark() throws {
        let text = "\"é\u{800}\u{FFFF}\u{10000}\u{10FFFF}\""
        #expect(
            try JSONValue(parsing: Data(text.utf8))
                == .string("é\u{800}\u{FFFF}\u{10000}\u{10FFFF}"))
        #expect(try JSONValue(parsing: Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == [1])
    }

    @Test func refusesDuplicateKeys() throws {
        let error = parseError(#"{"a": 1, "b": {"a": 2}, "a": 3}"#)
        #expect(error?.reason == .duplicateKey("a"))
        #expect(error?.description == #"invalid JSON at byte 24: duplicate key "a""#)
        #expect(parseError(#"{"a": {"x": 1, "x": 1}}"#)?.reason == .duplicateKey("x"))
        #expect(parseError(#"{"\u00e9": 1, "e\u0301": 2}"#)?.reason == .duplicateKey("é"))
        #expect(try JSONValue(parsing: #"[{"a": 1}, {"a": 2}]"#) == [["a": 1], ["a": 2]])
    }

    @Test func limitsNestingWithoutCrashing() throws {
        let limit = JSONValue.maximumNestingDepth
        #expect(limit == 512)
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var value = try JSONValue(parsing: deepest)
        var depth = 0
        while case .array(let elements) = value, let first = elements.first {
            value = first
            depth += 1
        }
        #expect(depth == limit - 1)
        let tooDeep =
            String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(parseError(tooDeep)?.reason == .nestingTooDeep(limit: 512))
        let huge = String(repeating: "[", count: 100_000)
        let error = parseError(huge)
        #expect(error?.reason == .nestingTooDeep(limit: 512))
        #expect(
            error?.description
                == "invalid JSON at byte 512: arrays and objects nest deeper than 512 levels")
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(parseError(objects)?.reason == .nestingTooDeep(limit: 512))
    }

    @Test func parsesTheDeepestValueAndWritesItBack() throws {
        let limit = JSONValue.maximumNestingDepth
        let text =
            String(repeating: #"{"a":["#, count: limit / 2)
            + String(repeating: "]}", count: limit / 2)
        let value = try JSONValue(parsing: text)
        #expect(value.serialized() == text)
        #expect(try JSONValue(parsing: value.serialized(pretty: true)) == value)
    }

    @Test func parsesHugeStrings() throws {
        let length = 5 * 1024 * 1024
        let plain = "\"" + String(repeating: "a", count: length) + "\""
        #expect(try JSONValue(parsing: plain).stringValue?.utf8.count == length)
        let escapes = 256 * 1024
        let escaped = "[\"" + String(repeating: "ab\\n", count: escapes) + "\"]"
        let value = try JSONValue(parsing: escaped)
        #expect(value[0]?.stringValue == String(repeating: "ab\n", count: escapes))
        #expect(try JSONValue(parsing: value.serialized()) == value)
        let unterminated = "\"" + String(repeating: "a", count: length)
        #expect(parseError(unterminated)?.offset == length + 1)
    }

    @Test func parsesAnyPrefixOfADocumentWithoutCrashing() {
        let text = #"{"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {"c": "é"}}"#
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count {
            #expect(parseError(bytes: Array(bytes[..<end])) != nil)
        }
        #expect(parseError(bytes: bytes) == nil)
    }

    // MARK: Serialization

    @Test func serializesCompactlyWithSortedKeys() {
        let value: JSONValue = [
            "b": [1, 2.5, true, nil], "a": "x", "é": 1, "Z": ["y": [:], "x": []],
        ]
        let expected = #"{"Z":{"x":[],"y":{}},"a":"x","b":[1,2.5,true,null],"é":1}"#
        #expect(value.serialized() == expected)
        #expect(value.description == value.serialized())
    }

    @Test func serializesPrettily() {
        let value: JSONValue = ["b": [1, ["c": nil]], "a": [], "d": [:]]
        let expected = """
            {
              "a": [],
              "b": [
                1,
                {
                  "c": null
                }
              ],
              "d": {}
            }
            """
        #expect(value.serialized(pretty: true) == expected)
        #expect(JSONValue.integer(3).serialized(pretty: true) == "3")
    }

    @Test func escapesStringsAndWritesNumbers() {
        let text: JSONValue = "q\" b\\ \n\r\t\u{08}\u{0C}\u{01}\u{1F} / é"
        #expect(text.serialized() == #""q\" b\\ \n\r\t\b\f\u0001\u001f / é""#)
        #expect(JSONValue.number(5).serialized() == "5.0")
        #expect(JSONValue.number(-0.25).serialized() == "-0.25")
        #expect(JSONValue.number(1e20).serialized() == "1e+20")
        #expect(JSONValue.number(.infinity).serialized() == "null")
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.integer(.min).serialized() == "-9223372036854775808")
    }

    @Test func roundTripsThroughItsOwnParserAndJSONSerialization() throws {
        let value: JSONValue = [
            "text": "é\u{0}\u{1F}\"\\/😀", "integer": -42, "big": 9_007_199_254_740_993,
            "number": 0.1, "small": 1e-7, "flag": false, "nothing": nil,
            "list": [1, "two", [3.5], ["four": 4]], "": [:],
        ]
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            #expect(try JSONValue(parsing: text) == value)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
            let dictionary = try #require(object as? [String: Any])
            #expect(dictionary["text"] as? String == "é\u{0}\u{1F}\"\\/😀")
            #expect(dictionary["integer"] as? Int == -42)
            #expect(dictionary["big"] as? Int == 9_007_199_254_740_993)
            #expect(dictionary["number"] as? Double == 0.1)
            #expect(dictionary["small"] as? Double == 1e-7)
            #expect(dictionary["nothing"] is NSNull)
            #expect((dictionary["list"] as? [Any])?.count == 4)
            #expect((dictionary[""] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test func buildsValuesFromLiterals() {
        let value: JSONValue = ["a": 1, "b": 1.5, "c": "s", "d": true, "e": nil, "f": [1], "a": 2]
        #expect(
            value
                == .object([
                    "a": .integer(2), "b": .number(1.5), "c": .string("s"), "d": .bool(true),
                    "e": .null, "f": .array([.integer(1)]),
                ]))
    }

    // MARK: Codable

    private struct ArtifactOptions: Codable, Equatable {
        var taskId: String
        var runId: Int?
        var artifact: String
        var tags: [String] = []
    }

    @Test func decodesIntoADecodableType() throws {
        let value: JSONValue = [
            "taskId": "fN1SbArXTPSVFNUvaOlinQ", "runId": 3, "artifact": "a", "tags": ["x"],
        ]
        let options: ArtifactOptions = try value.decode()
        #expect(
            options
                == ArtifactOptions(
                    taskId: "fN1SbArXTPSVFNUvaOlinQ", runId: 3, artifact: "a", tags: ["x"]))
        #expect(try JSONValue(encoding: options) == value)
        #expect(try JSONValue.integer(7).decode(Int.self) == 7)
        #expect(try JSONValue(encoding: [1.5, 2.0]) == [1.5, 2])
    }

    @Test func explainsAWrongShape() throws {
        let wrongType: JSONValue = ["taskId": "t", "runId": "3", "artifact": "a", "tags": []]
        let typeError = try #require(throws: JSONDecodingError.self) {
            try wrongType.decode(ArtifactOptions.self)
        }
        #expect(typeError.path == "/runId")
        #expect(
            typeError.description
                == "cannot decode ArtifactOptions: /runId: expected an integer, got a string")
        let missing: JSONValue = ["taskId": "t", "tags": []]
        let missingError = try #require(throws: JSONDecodingError.self) {
            try missing.decode(ArtifactOptions.self)
        }
        #expect(
            missingError.description
                == "cannot decode ArtifactOptions: /artifact: required property is missing")
        let element: JSONValue = ["taskId": "t", "artifact": "a", "tags": ["x", 5]]
        let elementError = try #require(throws: JSONDecodingError.self) {
            try element.decode(ArtifactOptions.self)
        }
        #expect(
            elementError.description
                == "cannot decode ArtifactOptions: /tags/1: expected a string, got an integer")
        let nullError = try #require(throws: JSONDecodingError.self) {
            try (["taskId": nil, "artifact": "a", "tags": []] as JSONValue).decode(
                ArtifactOptions.self)
        }
        #expect(
            nullError.description
                == "cannot decode ArtifactOptions: /taskId: expected a string, got null")
        let rootError = try #require(throws: JSONDecodingError.self) {
            try JSONValue.array([]).decode(ArtifactOptions.self)
        }
        #expect(
            rootError.description
                == "cannot decode ArtifactOptions: (root): expected an object, got an array")
    }

    @Test func encodesAndDecodesItselfThroughFoundation() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil, ["b": [:]]]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(try JSONValue(parsing: data) == value)
    }
}
