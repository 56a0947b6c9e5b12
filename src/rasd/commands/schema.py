"""``rasd schema``: the JSON Schema of the document record."""
from __future__ import annotations

import argparse
import json

EPILOG = """\
examples:
  rasd schema                       print the schema (JSON, indented)
  rasd schema > document.schema.json
  rasd extract a.txt | python -m jsonschema document.schema.json   (validate records)

The schema mirrors shared/spec/output.md field for field; its "$id" names the
record version (rasd.document/1).
"""


def run(args) -> int:
    from ..models import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=None if args.compact else 2))
    return 0


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the document record",
                       description="Print the JSON Schema that every record rasd emits validates against.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    p.set_defaults(func=run)
