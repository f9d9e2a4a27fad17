/// The example seed file the help shows for `fetcher emulator --data FILE`.
enum EmulatorSeedExample {
    /// The example, one line of JSON per element, without indentation of its own.
    static let lines = [
        "{",
        #"  "clients": [{"clientId": "project/ci", "accessToken": "secret","#,
        #"               "scopes": ["queue:get-artifact:private/*"]}],"#,
        #"  "tasks": [{"taskId": "fN1SbArXTPSVFNUvaOlinQ", "runs": 1, "artifacts": ["#,
        #"    {"name": "public/hello.txt", "text": "hello\n"},"#,
        #"    {"name": "private/key.bin", "storageType": "object", "base64": "AAEC"}]}],"#,
        #"  "index": {"project.app.latest": "fN1SbArXTPSVFNUvaOlinQ"}"#,
        "}",
    ]
}
