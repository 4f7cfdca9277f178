"""edumock: a contract-first sandbox of education platform APIs."""

from edumock.app import create_app
from edumock.settings import Settings

__all__ = ["Settings", "__version__", "create_app"]
__version__ = "0.1.0"
