import Fetcher

/// The text of `fetcher --help`, made from the tables of commands, options and exit codes so
/// that it cannot drift from what the tool does.
enum HelpText {
    /// The width the help is wrapped to.
    private static let width = 80

    /// The whole help, ending with a newline.
    static var text: String {
        var lines = [
            "fetcher \(FetcherVersion.current): fetches blobs named by JSON references.", "",
        ]
        lines.append("Usage:")
        lines += ToolCommand.allCases.map { "  \($0.synopsis)" }
        lines += ["  fetcher --help | --version", "", "Commands:"]
        for command in ToolCommand.allCases {
            lines += entry(command.rawValue, command.summary, column: 16)
        }
        lines.append("")
        lines += wrap(
            "REFERENCE is JSON text, @FILE to read it from FILE, or - to read it from standard "
                + "input; a bare http:// or https:// URL stands for itself. 'fetcher schema' "
                + "describes every kind of reference. For example:")
        lines += [
            "  fetcher fetch https://example.com/image.tar.zst -o image.tar.zst",
            #"  fetcher fetch '{"url": "https://example.com/a.tgz", "sha256": "<hex>"}' >a.tgz"#,
            #"  fetcher fetch '{"namespace": "project.app", "artifact": "public/a.tgz"}' \"#,
            "      --root-url https://tc.example.com -o a.tgz",
            "",
            "Options (they may come before or after REFERENCE):",
        ]
        for option in ToolOption.allCases {
            let spelling = option.names.joined(separator: ", ")
            let label = option.valueName.map { "\(spelling) \($0)" } ?? spelling
            lines += entry(label, option.summary, column: 31)
        }
        lines += entry(
            "--", "End of options: what follows is the command and REFERENCE.", column: 31)
        lines.append("")
        lines += wrap(
            "Only the blob, or the answer of hash-key, scopes, schema and the cache commands, "
                + "goes to standard output; progress and errors go to standard error. Signed URLs "
                + "are never shown.")
        lines.append("")
        lines += wrap(
            "Taskcluster: artifact and index references are resolved with the deployment at "
                + "--root-url, else $TASKCLUSTER_ROOT_URL, signed with the credentials in "
                + "$TASKCLUSTER_CLIENT_ID and $TASKCLUSTER_ACCESS_TOKEN (and "
                + "$TASKCLUSTER_CERTIFICATE for temporary credentials); without credentials only "
                + "public/ artifacts can be fetched.")
        lines.append("")
        lines += wrap(
            "Cache: with --cache DIR (or $FETCHER_CACHE), fetch copies the blob from the "
                + "folder DIR, keyed by the reference's hash key, after fetching it there if it "
                + "is missing; processes sharing the folder make one transfer per key, and "
                + "entries are checked against their SHA-256. The blob is served only when the "
                + "scopes given with --scopes satisfy the reference's (checked before the blob "
                + "is read or transferred, else exit code 4): the cache trusts them, so let only "
                + "the program that knows the caller's scopes, such as a CI worker, use the "
                + "folder. For example:")
        lines += [
            "  fetcher fetch @reference.json -o app.tar --cache /var/cache/fetcher \\",
            "      --scopes 'queue:get-artifact:private/*'",
            "  fetcher cache prune --cache /var/cache/fetcher --max-size 20G",
            "",
        ]
        lines += wrap(
            "Emulator: the --data FILE is one JSON object whose members are all optional, "
                + "for example:")
        lines += EmulatorSeedExample.lines.map { "  " + $0 }
        lines += wrap(
            "An artifact is s3 by default (\"text\" or \"base64\" bytes); \"storageType\" may "
                + "also be \"object\" (bytes), \"reference\" (a \"url\") or \"error\" (a "
                + "\"reason\" and a \"message\"); \"runId\" defaults to the task's latest run "
                + "and \"expired\": true makes the queue answer 410. Top-level \"objects\" "
                + "([{\"name\", \"text\" or \"base64\"}]) fill the object service.")
        lines += ["", "Exit codes:"]
        for code in ExitCode.allCases {
            lines += entry(String(code.rawValue), code.meaning, column: 8)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label indented by two spaces and its description from `column` on, wrapped; the
    /// description starts on the next line when the label reaches the column.
    private static func entry(_ label: String, _ description: String, column: Int) -> [String] {
        let head = "  " + label
        let indent = String(repeating: " ", count: column)
        var lines = wrap(description, indent: indent)
        if head.count < column - 1 {
            lines[0] = head + lines[0].dropFirst(head.count)
        } else {
            lines.insert(head, at: 0)
        }
        return lines
    }

    /// `text` cut into lines at spaces, each starting with `indent` and at most ``width`` long
    /// (a single word longer than that keeps a line of its own).
    private static func wrap(_ text: String, indent: String = "") -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines
    }
}
