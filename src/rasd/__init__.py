"""rasd (رصد): Arabic conflict news → structured, geocoded, sourced event records.

    >>> import rasd
    >>> doc = rasd.Pipeline().extract(text, published="2020-01-16")
"""
__version__ = "0.1.0"

from .models import SCHEMA, Document  # noqa: E402
from .pipeline import Config, Pipeline  # noqa: E402

__all__ = ["Pipeline", "Config", "Document", "SCHEMA", "__version__"]
