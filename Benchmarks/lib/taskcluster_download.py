#!/usr/bin/env python3
"""Downloads one Taskcluster artifact to a file with the Python taskcluster client, the way
its users do: `taskcluster.download.downloadArtifactToFile` with a `Queue` client for the
given root URL (no credentials: the artifact is public). The client asks the queue where the
latest run's artifact is, then follows the storage type the queue names (s3, reference or
object), retrying failed transfers.

Usage: taskcluster_download.py MODE ROOT_URL TASK_ID ARTIFACT_NAME OUTPUT_FILE

MODE is `direct` or `get-artifact`. The client asks with the queue's `latestArtifact` method
(`GET /task/<taskId>/artifact-content/<name>`, answered with 200 and a JSON body). With
`get-artifact`, for a queue that lacks that endpoint, the question goes to the older
`getLatestArtifact` (`GET /task/<taskId>/artifacts/<name>`) instead, whose 303 answer has
the same JSON body; the client takes the body without following the redirect, so the rest of
the download is the client's own code either way.
"""

import sys

import taskcluster
import taskcluster.download


class GetArtifactQueue:
    """A queue client whose artifact look-ups use the getArtifact endpoints."""

    def __init__(self, queue):
        self.queue = queue
        self.options = queue.options

    def latestArtifact(self, taskId, name):  # noqa: N802, N803 - the client's names
        return self.queue.getLatestArtifact(taskId, name)

    def artifact(self, taskId, runId, name):  # noqa: N802, N803 - the client's names
        return self.queue.getArtifact(taskId, runId, name)


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("direct", "get-artifact"):
        sys.exit(
            "usage: taskcluster_download.py direct|get-artifact ROOT_URL TASK_ID "
            "ARTIFACT_NAME OUTPUT_FILE"
        )
    mode, root_url, task_id, name, output = sys.argv[1:]
    queue = taskcluster.Queue({"rootUrl": root_url})
    if mode == "get-artifact":
        queue = GetArtifactQueue(queue)
    with open(output, "wb") as file:
        taskcluster.download.downloadArtifactToFile(
            file=file, taskId=task_id, name=name, queueService=queue
        )


if __name__ == "__main__":
    main()
