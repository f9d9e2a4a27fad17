import CCurl

/// The libcurl options of a request: protocols, redirects, timeouts, TLS, range and headers.
enum CurlOptions {
    /// Configures `easy` for `request`; the first failing option's code, or `CURLE_OK`.
    static func apply(
        _ request: CurlTransfer.Request,
        receiveBufferSize: Int,
        to easy: UnsafeMutableRawPointer,
        errorBuffer: UnsafeMutablePointer<CChar>,
        list: inout UnsafeMutablePointer<curl_slist>?
    ) -> CURLcode {
        let settings = request.settings
        let secure = request.url.lowercased().hasPrefix("https:")
        var codes: [CURLcode] = [
            fetcher_easy_setopt_string(easy, CURLOPT_URL, request.url),
            fetcher_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer),
            fetcher_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            fetcher_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, receiveBufferSize),
            fetcher_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"),
            // A redirect may never lower https to http.
            fetcher_easy_setopt_string(
                easy, CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https"),
            fetcher_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0),
            fetcher_easy_setopt_long(easy, CURLOPT_MAXREDIRS, settings.maximumRedirects),
            fetcher_easy_setopt_long(
                easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout)),
            // A stall: fewer than 1 byte per second for the whole stall timeout. libcurl does
            // not count the time a transfer is paused for lack of a free block.
            fetcher_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1),
            fetcher_easy_setopt_long(
                easy, CURLOPT_LOW_SPEED_TIME,
                max(1, Int(settings.stallTimeout.seconds.rounded(.up)))),
            fetcher_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1),
            fetcher_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2),
            fetcher_easy_setopt_string(
                easy, CURLOPT_USERAGENT, "fetcher/\(FetcherVersion.current)"),
            fetcher_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1),
        ]
        if let authorities = settings.certificateAuthorityFile {
            codes.append(fetcher_easy_setopt_string(easy, CURLOPT_CAINFO, authorities))
        }
        if let start = request.rangeStart {
            codes.append(fetcher_easy_setopt_string(easy, CURLOPT_RANGE, "\(start)-"))
        }
        switch request.method {
        case "GET":
            break
        case "HEAD":
            codes.append(fetcher_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        default:
            codes.append(fetcher_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method))
        }
        if let body = request.body {
            codes.append(
                fetcher_easy_setopt_offset(
                    easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            codes.append(
                body.withUnsafeBytes { bytes in
                    guard let start = bytes.baseAddress else {
                        return fetcher_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
                    }
                    return fetcher_easy_setopt_pointer(
                        easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: start))
                })
        }
        for header in request.headers {
            list = curl_slist_append(list, header)
        }
        if list != nil {
            codes.append(fetcher_easy_setopt_list(easy, CURLOPT_HTTPHEADER, list))
        }
        return codes.first { $0 != CURLE_OK } ?? CURLE_OK
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int((duration.seconds * 1000).rounded(.up)))
    }
}
