#ifndef FETCHER_CCURL_SHIM_H
#define FETCHER_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift
   cannot call. These typed wrappers give each argument kind its own function. */

typedef size_t (*fetcher_curl_data_callback)(char *, size_t, size_t, void *);
typedef int (*fetcher_curl_progress_callback)(void *, curl_off_t, curl_off_t, curl_off_t,
                                              curl_off_t);

static inline CURLcode fetcher_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_offset(CURL *handle, CURLoption option,
                                                  curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_string(CURL *handle, CURLoption option,
                                                  const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_pointer(CURL *handle, CURLoption option,
                                                   void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_list(CURL *handle, CURLoption option,
                                                struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                         fetcher_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_setopt_progress_callback(
    CURL *handle, CURLoption option, fetcher_curl_progress_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode fetcher_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fetcher_easy_getinfo_offset(CURL *handle, CURLINFO info,
                                                   curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fetcher_easy_getinfo_string(CURL *handle, CURLINFO info,
                                                   char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode fetcher_easy_getinfo_pointer(CURL *handle, CURLINFO info,
                                                    void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode fetcher_multi_setopt_long(CURLM *handle, CURLMoption option,
                                                  long value) {
    return curl_multi_setopt(handle, option, value);
}

/* The write-callback return value that asks libcurl to pause the transfer. */
static inline size_t fetcher_write_pause(void) { return CURL_WRITEFUNC_PAUSE; }

#endif
