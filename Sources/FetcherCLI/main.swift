import CCurl
import CCrypto
import Fetcher

print("fetcher: \(String(cString: curl_version())) \(String(cString: OpenSSL_version(0)))")
