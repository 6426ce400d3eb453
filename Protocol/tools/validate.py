#!/usr/bin/env python3
"""Checks the protocol documentation against its JSON Schemas.

    python3 Protocol/tools/validate.py

1. Every schema in Protocol/schema/ is a valid draft 2020-12 schema.
2. Every example line in Protocol/README.md (the lines of ```jsonl blocks, each
   optionally prefixed with "→ " or "← " for its direction) is a valid message in
   canonical JSON.
3. Every conformance vector in Protocol/vectors/*.json:
   - its responder's changes are valid change objects in a causal order, none made by
     the responder;
   - every output line is a valid message in canonical JSON;
   - every input line the responder reads is a valid message, except the line an
     error outcome names: when that error is malformed_line, the line must be invalid
     (not JSON, duplicate member names, not matching the schema, or a tag name or a
     hello's name not in NFC), so that the schemas and the decoder agree.
4. The TCP example (Protocol/vectors/tcp/handshake.json): valid canonical lines,
   proofs that are the HMAC-SHA256 the README describes, and the same lines as the
   README's TCP transcript.

Exits 1 with one line per problem, 0 when all is well. Needs `jsonschema` (4.18+).
"""

import base64
import glob
import hashlib
import hmac
import json
import os
import re
import sys
import unicodedata

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # Protocol/
SCHEMAS = os.path.join(ROOT, "schema")
BASE = "https://marginalia.invalid/protocol/schema/"

problems = []
checked = {"schemas": 0, "readme lines": 0, "vectors": 0, "vector lines": 0, "changes": 0}


def problem(where, text):
    problems.append(f"{where}: {text}")


def load_schemas():
    resources = []
    for path in sorted(glob.glob(os.path.join(SCHEMAS, "*.schema.json"))):
        with open(path, encoding="utf-8") as file:
            schema = json.load(file)
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # noqa: BLE001 - report any schema error
            problem(os.path.relpath(path, ROOT), f"not a valid schema: {error}")
        if schema.get("$id") != BASE + os.path.basename(path):
            problem(os.path.relpath(path, ROOT), f"$id should be {BASE + os.path.basename(path)}")
        resources.append((schema["$id"], Resource.from_contents(schema)))
        checked["schemas"] += 1
    registry = Registry().with_resources(resources)

    def validator(name):
        return Draft202012Validator(registry.contents(BASE + name), registry=registry)

    return validator("message.schema.json"), validator("change.schema.json")


MESSAGE, CHANGE_MESSAGE = load_schemas()


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate member names in {keys}")
    return dict(pairs)


def message_errors(line):
    """Why `line` is not a valid message (empty when it is): not JSON, duplicate member
    names, not matching the schemas, or (what a schema cannot say) a tag name or a
    hello's name not in NFC. (A hello name's limit of 64 grapheme clusters is not
    checked here: the standard library cannot segment graphemes.)"""
    try:
        value = json.loads(line, object_pairs_hook=no_duplicates)
    except ValueError as error:
        return [f"not JSON: {error}"]
    if not isinstance(value, dict):
        return ["not a JSON object"]
    errors = [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
              for error in MESSAGE.iter_errors(value)]
    fields = value.get("change", {}).get("fields", {}) if value.get("type") == "change" else {}
    if isinstance(fields, dict):
        errors += [f"change/fields: tag name {name!r} is not NFC" for name in fields
                   if name.startswith("tag:") and not unicodedata.is_normalized("NFC", name)]
    name = value.get("name") if value.get("type") == "hello" else None
    if isinstance(name, str) and not unicodedata.is_normalized("NFC", name):
        errors.append(f"name: {name!r} is not NFC")
    return errors


def check_line(where, line, must_be_canonical):
    errors = message_errors(line)
    for error in errors[:3]:
        problem(where, error)
    if not errors and must_be_canonical and canonical(json.loads(line)) != line:
        problem(where, "not canonical JSON; canonical form: " + canonical(json.loads(line)))
    return not errors


def check_readme():
    path = os.path.join(ROOT, "README.md")
    with open(path, encoding="utf-8") as file:
        text = file.read()
    blocks = re.findall(r"^```jsonl\n(.*?)^```", text, flags=re.S | re.M)
    if not blocks:
        problem("README.md", "no ```jsonl example blocks found")
    for block in blocks:
        for line in block.splitlines():
            if not line.strip():
                continue
            line = re.sub(r"^[→←] ", "", line)
            checked["readme lines"] += 1
            check_line(f"README.md example {line[:60]}…", line, must_be_canonical=True)


def check_causal_order(where, responder, changes):
    knowledge = {}
    for index, change in enumerate(changes):
        here = f"{where} responder.changes[{index}]"
        checked["changes"] += 1
        errors = list(CHANGE_MESSAGE.iter_errors({"type": "change", "change": change}))
        for error in errors[:3]:
            problem(here, f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
        if errors:
            continue
        origin, counter = change["replica"], change["counter"]
        if origin == responder:
            problem(here, "made by the responder itself (its origin must be another replica)")
        if counter != knowledge.get(origin, 0) + 1:
            problem(here, f"{origin}:{counter} is not the next change of its origin")
        if change["context"].get(origin, 0) != counter - 1:
            problem(here, "its context does not hold its author's previous change")
        for replica, seen in change["context"].items():
            if replica != origin and knowledge.get(replica, 0) < seen:
                problem(here, f"its context needs {replica}:{seen}, not given before it")
        knowledge[origin] = counter


def check_vector(path):
    where = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as file:
        vector = json.load(file)
    checked["vectors"] += 1
    for key in ("description", "responder", "input", "output", "outcome", "after"):
        if key not in vector:
            problem(where, f"missing '{key}'")
            return
    responder = vector["responder"]
    if not re.fullmatch(r"[0-9a-hjkmnp-tv-z]{16}", responder.get("replica", "")):
        problem(where, "responder.replica is not an identifier")
    check_causal_order(where, responder.get("replica"), responder.get("changes", []))

    outcome = vector["outcome"]
    error_line, error_code = None, None
    if isinstance(outcome, dict) and "error" in outcome:
        error_line, error_code = outcome["line"], outcome["error"]
    elif not (outcome == "ok" or (isinstance(outcome, dict) and
                                  ("peer_error" in outcome or "hung_up_after" in outcome
                                   or "diverged_at_peer" in outcome))):
        problem(where, f"unknown outcome {outcome!r}")

    for number, line in enumerate(vector["input"], start=1):
        here = f"{where} input line {number}"
        if error_line is not None and number > error_line:
            break  # never read
        checked["vector lines"] += 1
        if number == error_line:
            if error_code == "malformed_line" and not message_errors(line):
                problem(here, "the vector says malformed_line but the line is a valid message")
            continue
        check_line(here, line, must_be_canonical=False)
    if error_line is not None and error_line > len(vector["input"]) + 1:
        problem(where, f"error line {error_line} is beyond the input")

    for number, line in enumerate(vector["output"], start=1):
        checked["vector lines"] += 1
        here = f"{where} output line {number}"
        check_line(here, line, must_be_canonical=True)
        if error_line is not None and json.loads(line).get("type") == "error":
            problem(here, "error vectors leave the error line out of output")


def check_tcp_example(path):
    where = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as file:
        example = json.load(file)
    secret = example["token_file_content"].strip().encode()
    if secret.decode() != example["secret"]:
        problem(where, "secret is not the trimmed token file content")

    def proof(message):
        return base64.b64encode(hmac.new(secret, message.encode(), hashlib.sha256).digest()).decode()

    server_nonce, client_nonce = example["server_nonce"], example["client_nonce"]
    client_message = f"marginalia-sync/1 client\n{server_nonce}\n{client_nonce}"
    server_message = f"marginalia-sync/1 server\n{client_nonce}\n{server_nonce}"
    if example["client_proof_message"] != client_message or example["server_proof_message"] != server_message:
        problem(where, "proof messages are not as the README describes")
    if proof(client_message) != example["client_proof"] or proof(server_message) != example["server_proof"]:
        problem(where, "proofs are not HMAC-SHA256 of the proof messages")
    for number, line in enumerate(example["lines"], start=1):
        checked["vector lines"] += 1
        check_line(f"{where} line {number}", line, must_be_canonical=True)
    # The README shows the same exchange: server, client, server, client, server.
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as file:
        block = re.search(r"<!-- transcript: tcp -->\n```jsonl\n(.*?)^```", file.read(), flags=re.S | re.M)
    if not block:
        problem("README.md", "no TCP transcript (<!-- transcript: tcp --> before a ```jsonl block)")
        return
    shown = block.group(1).splitlines()
    expected = [("← " if index % 2 == 0 else "→ ") + line for index, line in enumerate(example["lines"])]
    if shown != expected:
        problem("README.md", f"the TCP transcript differs from {where}")


def main():
    check_readme()
    for path in sorted(glob.glob(os.path.join(ROOT, "vectors", "*.json"))):
        check_vector(path)
    check_tcp_example(os.path.join(ROOT, "vectors", "tcp", "handshake.json"))
    summary = ", ".join(f"{count} {what}" for what, count in checked.items())
    if problems:
        for line in problems:
            print(line)
        print(f"FAILED: {len(problems)} problem(s); checked {summary}")
        return 1
    print(f"ok: checked {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
