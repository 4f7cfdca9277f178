"""Run every benchmark and print its figures (``make bench``).

Two are left to run by hand: ``prism_compare.py`` (needs npm and wrk) and ``soak.py`` (five
minutes of load).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixture_scale
import probe_coverage
import sdr_upload
import startup
import sunbird_bulk_upload
import tesla_learners

if __name__ == "__main__":
    startup.main()
    sdr_upload.main()
    tesla_learners.main()
    sunbird_bulk_upload.main()
    fixture_scale.main()
    probe_coverage.main()
