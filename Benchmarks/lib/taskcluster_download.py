#!/usr/bin/env python3
"""Downloads one Taskcluster artifact to a file with the Python taskcluster client, the way
its users do: `taskcluster.download.downloadArtifactToFile` with a `Queue` client for the
given root URL (no credentials: the artifact is public), unmodified. The client asks the
queue's `latestArtifact` method (`GET /task/<taskId>/artifact-content/<name>`) how to reach
the latest run's artifact, then follows the storage type the answer names (s3, reference or
object), retrying failed transfers.

Usage: taskcluster_download.py MODE ROOT_URL TASK_ID ARTIFACT_NAME OUTPUT_FILE

MODE is `direct` or `get-artifact`; both now run the client as it is. (`get-artifact` once
made the client ask the older `getLatestArtifact` method instead, for an emulator that lacked
`latestArtifact`; the value is still accepted so that callers need not change.)
"""

import sys

import taskcluster
import taskcluster.download


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("direct", "get-artifact"):
        sys.exit(
            "usage: taskcluster_download.py direct|get-artifact ROOT_URL TASK_ID "
            "ARTIFACT_NAME OUTPUT_FILE"
        )
    root_url, task_id, name, output = sys.argv[2:]
    queue = taskcluster.Queue({"rootUrl": root_url})
    with open(output, "wb") as file:
        taskcluster.download.downloadArtifactToFile(
            file=file, taskId=task_id, name=name, queueService=queue
        )


if __name__ == "__main__":
    main()
