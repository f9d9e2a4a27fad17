import Testing

@testable import Fetcher

struct RedactionTests {
    @Test func bewitIsRedacted() {
        #expect(
            Redaction.redact(url: "https://tc.example.com/api/queue/v1/x?bewit=abc123")
                == "https://tc.example.com/api/queue/v1/x?bewit=REDACTED")
        #expect(
            Redaction.redact(url: "https://h/x?a=1&bewit=abc&b=2#frag")
                == "https://h/x?a=1&bewit=REDACTED&b=2#frag")
    }

    @Test func signatureParametersAreRedactedInAnyCase() {
        let url =
            "https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIA%2F20240301&X-Amz-Date=20240301T000000Z"
            + "&X-Amz-Expires=900&X-Amz-Security-Token=tok&X-Amz-SignedHeaders=host"
            + "&x-amz-signature=deadbeef"
        #expect(
            Redaction.redact(url: url)
                == "https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=REDACTED&X-Amz-Date=20240301T000000Z"
                + "&X-Amz-Expires=900&X-Amz-Security-Token=REDACTED&X-Amz-SignedHeaders=host"
                + "&x-amz-signature=REDACTED")
        #expect(
            Redaction.redact(
                url: "https://d.cloudfront.net/f?Expires=1&Signature=s~x&Key-Pair-Id=K&Policy=p")
                == "https://d.cloudfront.net/f?Expires=1&Signature=REDACTED&Key-Pair-Id=REDACTED"
                + "&Policy=REDACTED")
        #expect(
            Redaction.redact(url: "https://a.blob.core.windows.net/c/b?sv=2020&se=x&SIG=abc%3D")
                == "https://a.blob.core.windows.net/c/b?sv=2020&se=x&SIG=REDACTED")
        #expect(
            Redaction.redact(url: "https://h/x?ACCESS_TOKEN=a&my_upload_token=b&%62ewit=c")
                == "https://h/x?ACCESS_TOKEN=REDACTED&my_upload_token=REDACTED&%62ewit=REDACTED")
    }

    @Test func harmlessParametersAndEmptyValuesAreKept() {
        let url = "https://h/x?size=10&name=a.tgz&sig=&bewit&flag"
        #expect(Redaction.redact(url: url) == url)
        #expect(Redaction.redact(url: "https://h/p") == "https://h/p")
        #expect(Redaction.redact(url: "") == "")
    }

    @Test func fragmentParametersAreRedacted() {
        #expect(
            Redaction.redact(url: "https://h/cb#access_token=abc&state=1")
                == "https://h/cb#access_token=REDACTED&state=1")
    }

    @Test func userInfoPasswordIsRedacted() {
        #expect(
            Redaction.redact(url: "https://user:pass@host/x?y=1")
                == "https://user:REDACTED@host/x?y=1")
        #expect(
            Redaction.redact(url: "http://user:p%40ss:w@host:8080")
                == "http://user:REDACTED@host:8080")
        #expect(Redaction.redact(url: "https://user@host/x") == "https://user@host/x")
        #expect(Redaction.redact(url: "https://host/x@y:z") == "https://host/x@y:z")
    }

    @Test func requestTargetsAreRedacted() {
        #expect(
            Redaction.redact(url: "/api/queue/v1/task/x?bewit=abc")
                == "/api/queue/v1/task/x?bewit=REDACTED")
    }

    @Test func urlsInTextAreRedacted() {
        let message =
            "failed to fetch https://h/a?bewit=abc (status 500), then "
            + "\"http://u:pw@mirror/b?token=t&x=1\". Retrying <https://h/c?Signature=s>."
        #expect(
            Redaction.redact(text: message)
                == "failed to fetch https://h/a?bewit=REDACTED (status 500), then "
                + "\"http://u:REDACTED@mirror/b?token=REDACTED&x=1\". Retrying "
                + "<https://h/c?Signature=REDACTED>.")
        #expect(
            Redaction.redact(text: "see (https://h/a?sig=abc).")
                == "see (https://h/a?sig=REDACTED).")
        #expect(
            Redaction.redact(text: "GET /api/x?bewit=abc HTTP/1.1\r\nform: token=t&size=1")
                == "GET /api/x?bewit=REDACTED HTTP/1.1\r\nform: token=REDACTED&size=1")
    }

    @Test func textWithoutSecretsIsUnchanged() {
        let text = "size=10 of 20 bytes: https://h/x?a=b, then ok? yes! ünïcödé = fine"
        #expect(Redaction.redact(text: text) == text)
        #expect(Redaction.redact(text: "") == "")
    }

    @Test func malformedInputDoesNotTrap() {
        let inputs = [
            "://", "?", "&", "=", "#", "@", "https://", "https://:@", "https://a:@b",
            "?=&=&bewit=", "%", "%zz=1", "x?%=1", "https://[::1", "http://u:p@", "\u{0}bewit=1",
        ]
        for input in inputs {
            _ = Redaction.redact(url: input)
            _ = Redaction.redact(text: input + " " + input)
        }
        #expect(Redaction.redact(url: "?%62ewit=1") == "?%62ewit=REDACTED")
        #expect(Redaction.redact(url: "https://:secret@h") == "https://:REDACTED@h")
    }

    @Test func sensitiveNames() {
        #expect(Redaction.isSensitiveParameter("Bewit"))
        #expect(Redaction.isSensitiveParameter("X-Goog-Signature"))
        #expect(Redaction.isSensitiveParameter("client_secret"))
        #expect(!Redaction.isSensitiveParameter("X-Amz-Expires"))
        #expect(!Redaction.isSensitiveParameter("size"))
    }
}
