"""Run every benchmark and print its figures (``make bench``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sdr_upload
import startup
import sunbird_bulk_upload
import tesla_learners

if __name__ == "__main__":
    startup.main()
    sdr_upload.main()
    tesla_learners.main()
    sunbird_bulk_upload.main()
