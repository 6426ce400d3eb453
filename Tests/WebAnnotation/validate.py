#!/usr/bin/python3
"""Validates Web Annotation collections against collection.schema.json.

    /usr/bin/python3 Tests/WebAnnotation/validate.py FILE...

Debian's python3-jsonschema (draft 4) with python3-rfc3987, so that "format": "uri"
is checked, not ignored. Prints one line per failed assertion and exits 1; exits 2
when IRIs cannot be checked; 0 when every file is valid.
"""

import json
import os
import sys

from jsonschema import Draft4Validator, FormatChecker

checker = FormatChecker()
if "uri" not in checker.checkers:
    print("validate.py: cannot check IRIs: install python3-rfc3987", file=sys.stderr)
    sys.exit(2)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "collection.schema.json"), encoding="utf-8") as file:
    validator = Draft4Validator(json.load(file), format_checker=checker)

failed = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    for error in sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        print(f"{path}: {where}: {error.message}")
        failed = True
sys.exit(1 if failed else 0)
