"""SDR upload of a full batch (maxRecordPerBatch learners), validated and stored: latency."""

from __future__ import annotations

import statistics
import time

import httpx

from edumock.settings import Settings
from edumock.testing import ThreadedServer


def learner(index: int) -> dict[str, object]:
    """A schema-valid learner record."""
    return {"localId": f"L{index}", "studentIdentificationCode": f"S{index}",
            "nationalStudentNumber": 123456789, "gender": "F", "dateOfBirth": "2001-04-12",
            "nameIdCode": "NGATA", "ethnicity": ["211"]}


def upload_timings(settings: Settings, rounds: int) -> tuple[int, list[float]]:
    """The batch size and each upload's milliseconds, sorted, on a server with ``settings``."""
    with ThreadedServer(settings) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        minted = http.post("/__admin/tokens", json={"platform": "sdr", "edumis": "6004"}).json()
        headers = {"Authorization": f"Bearer {minted['token']}", "EID": "6004"}
        returns = http.get("/submissions/v1.0/returns", headers=headers,
                           params={"includeIndicative": "true"}).json()["results"]
        open_return = next(r for r in returns if r["windowStatus"] == "Open")["returnId"]
        token = http.post(f"/submissions/v1.0/token/{open_return}", headers=headers).json()
        size = token["maxRecordPerBatch"]
        body = {"submissionToken": token["submissionToken"],
                "content": [learner(i) for i in range(size)]}
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            reply = http.put("/submissions/v1.0/learners", headers=headers, json=body)
            timings.append((time.perf_counter() - started) * 1000)
            assert reply.status_code == 200, reply.text
    return size, sorted(timings)


def main(rounds: int = 30) -> None:
    """Print the median and p95 of uploading one full batch, over ``rounds`` uploads."""
    size, timings = upload_timings(Settings(platforms=("sdr",)), rounds)
    print(f"SDR upload of {size} learners: median {statistics.median(timings):.1f} ms, "
          f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms over {rounds} uploads")


if __name__ == "__main__":
    main()
