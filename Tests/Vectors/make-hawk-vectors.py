#!/usr/bin/env python3
"""Writes hawk-vectors.json: Hawk bewits, Authorization headers and Taskcluster
temporary credentials computed by the Python reference libraries, so that the
Swift implementation is checked against an independent one.

Run from this folder with the packages installed:

    python3 -m venv /tmp/hawk-venv
    /tmp/hawk-venv/bin/pip install mohawk taskcluster
    /tmp/hawk-venv/bin/python make-hawk-vectors.py

Every input is fixed (timestamps, nonces, seeds), so the output is stable.
"""

import base64
import datetime
import importlib.metadata
import json
import os
import time
from unittest import mock

import mohawk
import mohawk.bewit
import taskcluster
import taskcluster.client
import taskcluster.utils

PERMANENT = {"clientId": "project/fetcher/ci", "accessToken": "tc-secret-0123456789abcdef"}
ISSUER = {"clientId": "static/issuer", "accessToken": "issuer-secret-key-for-tests"}

START = datetime.datetime(2024, 3, 1, 12, 0, 0)
EXPIRY = datetime.datetime(2024, 3, 2, 12, 0, 0)
SEEDS = iter(["S1p1bSVERj2Y7Ts4Lq5SKA", "S2p2cTWFSk3Z8Ut5Mr6TLB",
              "S3p3dUXGTl4a9Vu6Ns7UMC", "S4p4eVYHUm5b0Wv7Ot8VND"])


def temporary(name=None):
    """Temporary credentials made by the taskcluster package, with fixed seeds."""
    with mock.patch.object(taskcluster.utils, "slugId", lambda: next(SEEDS)):
        made = taskcluster.createTemporaryCredentials(
            ISSUER["clientId"], ISSUER["accessToken"], START, EXPIRY,
            ["queue:get-artifact:private/*", "index:find-task:project.fetcher.*"],
            name=name)
    return {"clientId": made["clientId"], "accessToken": made["accessToken"].decode()
            if isinstance(made["accessToken"], bytes) else made["accessToken"],
            "certificate": made["certificate"]}


TEMPORARY = temporary()
NAMED_TEMPORARY = temporary(name="project/fetcher/named")


def ext_for(credentials):
    """The ext a client sends: base64 of {"certificate": ...}, empty without one."""
    certificate = credentials.get("certificate")
    if not certificate:
        return ""
    document = {"certificate": json.loads(certificate)}
    text = json.dumps(document, separators=(",", ":"), sort_keys=True)
    return base64.b64encode(text.encode()).decode()


def hawk_credentials(credentials):
    return {"id": credentials["clientId"], "key": credentials["accessToken"],
            "algorithm": "sha256"}


def bewit_case(name, credentials, url, expiry):
    ext = ext_for(credentials)
    resource = mohawk.base.Resource(credentials=hawk_credentials(credentials), method="GET",
                                    url=url, timestamp=expiry, nonce="", ext=ext)
    bewit = mohawk.bewit.get_bewit(resource).rstrip("=")
    base, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in base and not base.endswith("?") else ("" if base.endswith("?")
                                                                     else "?")
    signed = base + separator + "bewit=" + bewit + hash_mark + fragment
    inner = base64.urlsafe_b64decode(bewit + "=" * (-len(bewit) % 4)).decode()
    return {"name": name, "credentials": credentials, "url": url, "expiry": expiry,
            "ext": ext, "mac": inner.split("\\")[2], "bewit": bewit, "signedURL": signed}


def header_case(name, credentials, method, url, timestamp, nonce, content_type=None,
                payload=None):
    ext = ext_for(credentials)
    arguments = {"credentials": hawk_credentials(credentials), "url": url, "method": method,
                 "nonce": nonce, "ext": ext or None, "_timestamp": timestamp}
    if payload is None:
        arguments["always_hash_content"] = False
    else:
        arguments["content"] = payload
        arguments["content_type"] = content_type
    sender = mohawk.Sender(**arguments)
    attributes = mohawk.util.parse_authorization_header(sender.request_header)
    return {"name": name, "credentials": credentials, "method": method, "url": url,
            "timestamp": timestamp, "nonce": nonce, "contentType": content_type,
            "payload": payload, "ext": ext, "hash": attributes.get("hash"),
            "mac": attributes["mac"], "header": sender.request_header}


def client_signed_url(credentials, expiration_time, task_id, run_id, artifact):
    """A signed URL made by the taskcluster client itself (its own ext encoding)."""
    queue = taskcluster.Queue({"rootUrl": "https://tc.example.com",
                               "credentials": dict(credentials)})
    with mock.patch.object(taskcluster.client.time, "time", lambda: expiration_time - 1500):
        signed = queue.buildSignedUrl("getArtifact", task_id, run_id, artifact,
                                      expiration=1500)
    return {"credentials": credentials, "expiry": expiration_time, "signedURL": signed}


def main():
    artifact_url = ("https://tc.example.com/api/queue/v1/task/fN1SbArXTPSVFNUvaOlinQ/"
                    "runs/0/artifacts/private%2Fbuild%2Ftarget.tar.gz")
    bewits = [
        bewit_case("no query, default https port", PERMANENT, artifact_url, 1709294400),
        bewit_case("existing query", PERMANENT,
                   "https://tc.example.com/api/index/v1/task/a.b?limit=10&x=%2F", 1709294400),
        bewit_case("http with a non-default port", PERMANENT,
                   "http://127.0.0.1:8080/api/queue/v1/task/abc/artifacts/private%2Fa",
                   1709300000),
        bewit_case("https with a non-default port and a query", PERMANENT,
                   "https://tc.example.com:8443/path/to/blob?a=1", 1709300001),
        bewit_case("plain http default port", PERMANENT, "http://example.org/blob.bin",
                   1709300002),
        bewit_case("upper-case host", PERMANENT, "https://TC.Example.COM/Blob", 1709300003),
        bewit_case("fragment kept after the bewit", PERMANENT,
                   "https://tc.example.com/a/b?q=1#part", 1709300004),
        bewit_case("temporary credentials", TEMPORARY, artifact_url, 1709294400),
        bewit_case("named temporary credentials", NAMED_TEMPORARY, artifact_url, 1709294400),
    ]
    headers = [
        header_case("GET without payload hash", PERMANENT, "GET",
                    "https://tc.example.com/api/queue/v1/task/abc/status", 1709294400,
                    "nOnCe1"),
        header_case("GET with temporary credentials", TEMPORARY, "GET",
                    "https://tc.example.com/api/index/v1/task/project.fetcher.latest",
                    1709294401, "k3jd9Z"),
        header_case("POST with a JSON payload", PERMANENT, "POST",
                    "https://tc.example.com/api/queue/v1/task/abc", 1709294402, "Qw-_e1",
                    "application/json; charset=utf-8", '{"a":[1,2,3]}'),
        header_case("PUT on a non-default port with a query", NAMED_TEMPORARY, "PUT",
                    "http://127.0.0.1:49152/api/object/v1/start-download/x%2Fy?z=1",
                    1709294403, "abcdef", "application/json",
                    '{"acceptDownloadMethods":{"getUrl":true}}'),
        header_case("empty payload hashed", PERMANENT, "DELETE",
                    "https://tc.example.com:444/api/thing", 1709294404, "zzzzzz", "", ""),
    ]
    client_urls = [
        client_signed_url(PERMANENT, 1709294400, "fN1SbArXTPSVFNUvaOlinQ", 2,
                          "private/logs/live.log"),
        client_signed_url(TEMPORARY, 1709294400, "fN1SbArXTPSVFNUvaOlinQ", 0,
                          "private/build/target.tar.gz"),
    ]
    document = {
        "generatedBy": {package: importlib.metadata.version(package)
                        for package in ("mohawk", "taskcluster")},
        "issuer": ISSUER,
        "temporaryCredentials": [
            {"name": None, "scopes": json.loads(TEMPORARY["certificate"])["scopes"],
             "start": int(START.replace(tzinfo=datetime.timezone.utc).timestamp()),
             "expiry": int(EXPIRY.replace(tzinfo=datetime.timezone.utc).timestamp()),
             "credentials": TEMPORARY},
            {"name": "project/fetcher/named",
             "scopes": json.loads(NAMED_TEMPORARY["certificate"])["scopes"],
             "start": int(START.replace(tzinfo=datetime.timezone.utc).timestamp()),
             "expiry": int(EXPIRY.replace(tzinfo=datetime.timezone.utc).timestamp()),
             "credentials": NAMED_TEMPORARY},
        ],
        "bewits": bewits,
        "headers": headers,
        "clientSignedURLs": client_urls,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hawk-vectors.json")
    with open(path, "w") as output:
        json.dump(document, output, indent=2, sort_keys=True)
        output.write("\n")


if __name__ == "__main__":
    main()
