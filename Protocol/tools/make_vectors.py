#!/usr/bin/env python3
"""Writes the conformance vectors in Protocol/vectors/ (see Protocol/vectors/README.md).

The vectors are data; this script is only how they were produced, so that each
expected line is computed rather than typed. Run it from anywhere:

    python3 Protocol/tools/make_vectors.py

Canonical JSON in Python is `json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)` for the values the protocol uses (objects, strings, integers,
booleans, null): keys sorted by code point, no white space, `/` not escaped, non-ASCII
as raw UTF-8, control characters as \\b \\f \\n \\r \\t or \\u00XX (lowercase hex).
"""

import base64
import hashlib
import hmac
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(os.path.dirname(HERE), "vectors")

A = "aaaaaaaaaaaaaaaa"  # the responder, in every vector
B = "bbbbbbbbbbbbbbbb"  # the initiator
C = "cccccccccccccccc"  # a third replica whose changes the responder holds
E1 = "0000000000000001"  # an article
E2 = "0000000000000002"  # an annotation
T0 = 1764000000000  # wall-clock milliseconds


def nfc(text):
    return unicodedata.normalize("NFC", text)


def canon(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def change(replica, counter, lamport, entity, kind, fields, context, time=None):
    return {
        "replica": replica,
        "counter": counter,
        "lamport": lamport,
        "time": T0 + 1000 * lamport if time is None else time,
        "entity": entity,
        "kind": kind,
        "fields": fields,
        "context": context,
    }


def hello(replica, name, knowledge):
    return canon({"type": "hello", "protocol": "marginalia-sync", "version": 1,
                  "replica": replica, "name": name, "knowledge": knowledge})


def change_line(value):
    return canon({"type": "change", "change": value})


def done(count):
    return canon({"type": "done", "count": count})


def merged(*vectors):
    result = {}
    for vector in vectors:
        for replica, counter in vector.items():
            result[replica] = max(result.get(replica, 0), counter)
    return result


# Text used throughout (Vietnamese, NFC).
TITLE = nfc("Hà Nội: Mưa lớn kéo dài")
BODY = nfc("Mưa lớn kéo dài khiến mực nước sông Hồng dâng cao. Người dân đo mực nước lúc 6 giờ sáng.")
SOURCE = "https://example.org/tin/mua-lon"


def anchor(quote, occurrence=1, revision=None):
    start = -1
    for _ in range(occurrence):
        start = BODY.index(quote, start + 1)
    end = start + len(quote)  # Python str indices count Unicode scalars
    value = {
        "start": start, "end": end, "quote": quote,
        "prefix": BODY[max(0, start - 32):start], "suffix": BODY[end:end + 32],
    }
    if revision is not None:
        value["revision"] = revision
    return value


# Changes of the third replica C: an article, then an annotation on it.
C1 = change(C, 1, 1, E1, "article",
            {"alive": True, "title": TITLE, "body": BODY, "source": SOURCE}, {})
C2 = change(C, 2, 2, E2, "annotation",
            {"alive": True, "article": E1, "note": nfc("đo lúc 6h"), "tag:flood": True,
             "anchor": anchor(nfc("mực nước"), occurrence=2, revision={"replica": C, "counter": 1})},
            {C: 1})
# Concurrent edits of the title, both made having seen C1 only.
C2_TITLE = change(C, 2, 2, E1, "article", {"alive": True, "title": nfc("Mưa lớn kéo dài")}, {C: 1})
B1_TITLE = change(B, 1, 2, E1, "article", {"alive": True, "title": nfc("Hà Nội ngập sâu")}, {C: 1})
# C deletes the article; B edits it concurrently.
C2_DELETE = change(C, 2, 2, E1, "article", {"alive": False}, {C: 1})
# C removes tag "flood" of an article created with it; B adds it again concurrently.
C1_TAGGED = change(C, 1, 1, E1, "article",
                   {"alive": True, "title": TITLE, "body": BODY, "tag:flood": True}, {})
C2_UNTAG = change(C, 2, 2, E1, "article", {"alive": True, "tag:flood": False}, {C: 1})
B1_TAG = change(B, 1, 2, E1, "article", {"alive": True, "tag:flood": True}, {C: 1})

# The initiator's own changes: create an article, then edit its title.
B1 = change(B, 1, 1, E1, "article",
            {"alive": True, "title": TITLE, "body": BODY, "source": SOURCE}, {})
B2 = change(B, 2, 2, E1, "article", {"alive": True, "title": nfc("Hà Nội ngập sâu")}, {B: 1})

OFFICE, LAPTOP = "office", "laptop"

vectors = {}


def vector(name, description, input, output, outcome="ok", responder_changes=(), knowledge_after=None,
           remembered=None, articles=None, peer_knowledge=None):
    before = {}
    for value in responder_changes:
        before = merged(before, {value["replica"]: value["counter"]})
    after = {"knowledge": before if knowledge_after is None else knowledge_after}
    if outcome == "ok":
        # The responder remembers the initiator's hello knowledge and the dots it received
        # from it, never what it sent back (README section 14).
        received = {}
        for line in input:
            value = json.loads(line)
            if value.get("type") == "change":
                received = merged(received, {value["change"]["replica"]: value["change"]["counter"]})
        after["remembered"] = {"replica": B, "knowledge": merged(peer_knowledge or {}, received)}
    else:
        after["remembered"] = {"replica": B, "knowledge": None}
    if articles is not None:
        after["articles"] = articles
    vectors[name] = {
        "description": description,
        "responder": {"replica": A, "name": OFFICE, "changes": list(responder_changes)},
        "input": input,
        "output": output,
        "outcome": outcome,
        "after": after,
    }


def error(code, line):
    return {"error": code, "line": line}


def article(entity, title, state="live", conflicts=(), tags=()):
    return {"id": entity, "title": title, "state": state, "conflicts": list(conflicts), "tags": list(tags)}


# ---------------------------------------------------------------- sessions that succeed

vector("01-empty-session",
       "Two empty replicas: each says hello and done with nothing to send.",
       [hello(B, LAPTOP, {}), done(0)],
       [hello(A, OFFICE, {}), done(0)],
       peer_knowledge={})

vector("02-initiator-sends-two-changes",
       "The initiator creates an article and edits its title; the responder applies both and has nothing to send.",
       [hello(B, LAPTOP, {B: 2}), change_line(B1), change_line(B2), done(2)],
       [hello(A, OFFICE, {}), done(0)],
       knowledge_after={B: 2}, peer_knowledge={B: 2},
       articles=[article(E1, nfc("Hà Nội ngập sâu"))])

vector("03-responder-sends-third-party-changes",
       "The responder holds an article and an annotation made by a third replica and sends both, in log order, "
       "to an empty initiator.",
       [hello(B, LAPTOP, {}), done(0)],
       [hello(A, OFFICE, {C: 2}), change_line(C1), change_line(C2), done(2)],
       responder_changes=[C1, C2], peer_knowledge={},
       articles=[article(E1, TITLE)])

vector("04-responder-sends-only-what-initiator-lacks",
       "The initiator's hello says it already has C:1, so the responder sends only C:2.",
       [hello(B, LAPTOP, {C: 1}), done(0)],
       [hello(A, OFFICE, {C: 2}), change_line(C2), done(1)],
       responder_changes=[C1, C2], peer_knowledge={C: 1})

vector("05-concurrent-title-conflict",
       "Both sides changed the title after seeing C:1. The register keeps both values (a conflict); the "
       "displayed pick is the higher Lamport timestamp, here a tie at 2, then the higher replica id (c… > b…). "
       "The responder sends C:2, which the initiator lacks.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_TITLE), done(1)],
       [hello(A, OFFICE, {C: 2}), change_line(C2_TITLE), done(1)],
       responder_changes=[C1, C2_TITLE], knowledge_after={B: 1, C: 2}, peer_knowledge={B: 1, C: 1},
       articles=[article(E1, nfc("Mưa lớn kéo dài"), conflicts=["title"])])

vector("06-duplicate-change",
       "The initiator sends C:1, which the responder already holds with identical content: it is skipped "
       "harmlessly, still counted in done, and the session succeeds.",
       [hello(B, LAPTOP, {C: 1}), change_line(C1), done(1)],
       [hello(A, OFFICE, {C: 1}), done(0)],
       responder_changes=[C1], peer_knowledge={C: 1})

C1_OTHER_BYTES = json.dumps({"type": "change", "change": dict(reversed(list(C1.items())))}, ensure_ascii=True)
vector("07-duplicate-in-other-byte-form",
       "A duplicate written with other key order, white space and \\u escapes: receivers compare decoded "
       "values, not bytes, so this is the same change and is skipped.",
       [hello(B, LAPTOP, {C: 1}), C1_OTHER_BYTES, done(1)],
       [hello(A, OFFICE, {C: 1}), done(0)],
       responder_changes=[C1], peer_knowledge={C: 1})

vector("08-edit-concurrent-with-delete",
       "C deleted the article (alive = false) while B edited it (alive = true): the alive register holds both, "
       "so the article is contested and stays visible with B's title.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_TITLE), done(1)],
       [hello(A, OFFICE, {C: 2}), change_line(C2_DELETE), done(1)],
       responder_changes=[C1, C2_DELETE], knowledge_after={B: 1, C: 2}, peer_knowledge={B: 1, C: 1},
       articles=[article(E1, nfc("Hà Nội ngập sâu"), state="contested")])

vector("09-tag-add-wins",
       "C removed tag 'flood' while B added it again concurrently: a tag is present while any sibling says "
       "true, so the add wins.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_TAG), done(1)],
       [hello(A, OFFICE, {C: 2}), change_line(C2_UNTAG), done(1)],
       responder_changes=[C1_TAGGED, C2_UNTAG], knowledge_after={B: 1, C: 2}, peer_knowledge={B: 1, C: 1},
       articles=[article(E1, TITLE, tags=["flood"])])

# ---------------------------------------------------------------- sessions that end early, not refused

vector("10-hang-up-mid-batch",
       "The initiator's input ends after one change and before done: the session fails without an error line, "
       "and the unfinished batch is not applied.",
       [hello(B, LAPTOP, {B: 2}), change_line(B1)],
       [hello(A, OFFICE, {})],
       outcome={"hung_up_after": 2})

# The initiator ends the session with an error line after one change: nothing is answered, and the
# unfinished batch is not applied, whichever of the defined codes it sends.
for name, description, code, message in [
    ("11-peer-error",
     "The initiator sends an error line instead of done: the session ends at once, nothing is answered, and "
     "the unfinished batch is not applied.",
     "internal_error", "the receiver could not store changes"),
    ("19-peer-unavailable",
     "The initiator's storage became unavailable (a hub whose database restarts) and it says so with "
     "`unavailable`: a defined code, so the session ends at once as for any error line from the peer, nothing "
     "is answered, and the unfinished batch is not applied.",
     "unavailable", "the hub's database is down or restarting"),
]:
    vector(name, description,
           [hello(B, LAPTOP, {B: 1}), change_line(B1), canon({"type": "error", "code": code, "message": message})],
           [hello(A, OFFICE, {})],
           outcome={"peer_error": code})

# ---------------------------------------------------------------- version 2: digests and probes


def hello2(replica, name, knowledge):
    return canon({"type": "hello", "protocol": "marginalia-sync", "version": 2,
                  "replica": replica, "name": name, "knowledge": knowledge})


def change_hash(value):
    """A change's hash: SHA-256 of its canonical JSON, as a number (README section 19)."""
    return int.from_bytes(hashlib.sha256(canon(value).encode("utf-8")).digest(), "big")


def log_digest(*changes):
    """The digest of a set of changes: the sum of their hashes modulo 2^256, 64 hex digits."""
    return "%064x" % (sum(change_hash(value) for value in changes) % 2 ** 256)


def digest_line(*changes):
    return canon({"type": "digest", "digest": log_digest(*changes)})


def probe(*ranges):
    return canon({"type": "probe", "ranges": [{"replica": r, "from": a, "to": b} for r, a, b in ranges]})


def range_digests(*digests):
    return canon({"type": "range_digests", "digests": list(digests)})


C2_ALTERED = dict(C2, fields=dict(C2["fields"], note=nfc("đo lúc 6i")))

vector("12-version-2-digests-agree",
       "Version 2: each half ends, after its done, with the digest of the changes its sender's hello named (the "
       "sum modulo 2^256 of their SHA-256): the initiator's names none (64 zeros), the responder's C:1 and C:2. "
       "The hello is answered in version 2.",
       [hello2(B, LAPTOP, {}), done(0), digest_line()],
       [hello2(A, OFFICE, {C: 2}), change_line(C1), change_line(C2), done(2), digest_line(C1, C2)],
       responder_changes=[C1, C2], peer_knowledge={})

vector("13-version-2-diverged",
       "Version 2: the initiator holds C:2 with another note ('6i' for '6h', as a flipped bit would leave it), "
       "so nothing is sent and the digest ending its half differs from the responder's of the same changes. "
       "The responder refuses with diverged, naming the digest line; it records the divergence and remembers "
       "nothing else.",
       [hello2(B, LAPTOP, {C: 2}), done(0), digest_line(C1, C2_ALTERED)],
       [hello2(A, OFFICE, {C: 2})],
       outcome=error("diverged", 3), responder_changes=[C1, C2])

vector("18-version-2-initiator-finds-divergence",
       "Version 2: the responder's half reaches the initiator altered (its C:2 with '6i' for '6h'), so the "
       "initiator's digest of C:1 and C:2 differs from the one ending the responder's half. It says so with an "
       "error diverged after that digest, which the responder reads (it reads until the initiator hangs up): "
       "it records the divergence too, sends nothing more and remembers nothing else.",
       [hello2(B, LAPTOP, {}), done(0), digest_line(),
        canon({"type": "error", "code": "diverged", "line": 5,
               "message": "office (%s) holds the same changes with other content (digest here %s, there %s); "
                          "'marginalia sync --find-divergence' names the changes that differ"
                          % (A, log_digest(C1, C2_ALTERED)[:16], log_digest(C1, C2)[:16])})],
       [hello2(A, OFFICE, {C: 2}), change_line(C1), change_line(C2), done(2), digest_line(C1, C2)],
       outcome={"diverged_at_peer": 4}, responder_changes=[C1, C2])

vector("14-version-2-probe",
       "Version 2: before its changes, the initiator probes the changes both hold (C:1 to C:2, the minimum of "
       "both hellos per origin), then each half, as its divergence search does when a range differs; the "
       "responder answers each probe with one digest per range. A range of one change has that change's hash.",
       [hello2(B, LAPTOP, {C: 2}), probe((C, 1, 2)), probe((C, 1, 1), (C, 2, 2)), done(0), digest_line(C1, C2)],
       [hello2(A, OFFICE, {C: 2}), range_digests(log_digest(C1, C2)),
        range_digests(log_digest(C1), log_digest(C2)), done(0), digest_line(C1, C2)],
       responder_changes=[C1, C2], peer_knowledge={C: 2})

vector("15-probe-beyond-what-is-held",
       "A probe range must lie within what the responder holds: C:3 is not, so unexpected_message.",
       [hello2(B, LAPTOP, {C: 3}), probe((C, 1, 3)), done(0)],
       [hello2(A, OFFICE, {C: 2})],
       outcome=error("unexpected_message", 2), responder_changes=[C1, C2])

vector("16-probe-after-a-change",
       "Probes come before the initiator's first change: after one, a probe is unexpected_message.",
       [hello2(B, LAPTOP, {B: 1}), change_line(B1), probe((B, 1, 1)), done(1)],
       [hello2(A, OFFICE, {})],
       outcome=error("unexpected_message", 3))

vector("17-version-1-probe",
       "A version 1 initiator (answered in version 1) cannot probe: a probe is unexpected_message.",
       [hello(B, LAPTOP, {C: 1}), probe((C, 1, 1)), done(0)],
       [hello(A, OFFICE, {C: 1})],
       outcome=error("unexpected_message", 2), responder_changes=[C1])

# ---------------------------------------------------------------- refused: hello

vector("20-wrong-version",
       "The initiator speaks version 3, which this responder does not know: unsupported_version, nothing sent "
       "but the error.",
       [canon({"type": "hello", "protocol": "marginalia-sync", "version": 3, "replica": B, "name": LAPTOP,
               "knowledge": {}}), done(0)],
       [], outcome=error("unsupported_version", 1))

vector("21-wrong-protocol-name",
       "A hello naming another protocol is refused like a wrong version.",
       [canon({"type": "hello", "protocol": "other-sync", "version": 1, "replica": B, "name": LAPTOP,
               "knowledge": {}}), done(0)],
       [], outcome=error("unsupported_version", 1))

vector("22-same-replica",
       "The initiator claims the responder's own id.",
       [hello(A, LAPTOP, {}), done(0)],
       [], outcome=error("same_replica", 1))

vector("23-unknown-hello-member",
       "Decoding is strict: a hello with a member this version does not define is a malformed line.",
       [canon({"type": "hello", "protocol": "marginalia-sync", "version": 1, "replica": B, "name": LAPTOP,
               "knowledge": {}, "features": ["zstd"]}), done(0)],
       [], outcome=error("malformed_line", 1))

vector("24-change-before-hello",
       "A change where the hello must come: unexpected_message on line 1.",
       [change_line(B1), done(1)],
       [], outcome=error("unexpected_message", 1))

vector("25-challenge-to-stdio-responder",
       "A challenge is only ever sent by a TCP server; a responder expecting hello refuses it.",
       [canon({"type": "challenge", "nonce": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        hello(B, LAPTOP, {})],
       [], outcome=error("unexpected_message", 1))

# ---------------------------------------------------------------- refused: lines

vector("30-malformed-json",
       "A line that is not JSON (cut short) is a malformed line.",
       [hello(B, LAPTOP, {B: 1}), '{"type":"change","change":{"replica":"bbbbbbbbbbbbbbbb","counter":1', done(1)],
       [hello(A, OFFICE, {})], outcome=error("malformed_line", 2))

vector("31-unknown-message-type",
       "A well-formed JSON object of an unknown type is a malformed line (not unexpected_message).",
       [hello(B, LAPTOP, {}), canon({"type": "ping"}), done(0)],
       [hello(A, OFFICE, {})], outcome=error("malformed_line", 2))

vector("32-second-hello",
       "A second hello where a change or done must come.",
       [hello(B, LAPTOP, {}), hello(B, LAPTOP, {}), done(0)],
       [hello(A, OFFICE, {})], outcome=error("unexpected_message", 2))

vector("33-count-mismatch",
       "done says 1 change but none was sent.",
       [hello(B, LAPTOP, {}), done(1)],
       [hello(A, OFFICE, {})], outcome=error("count_mismatch", 2))

B1_UNKNOWN_FIELD = dict(B1, fields={"alive": True, "title": TITLE, "colour": "red"})
vector("34-unknown-field-is-malformed-line",
       "A field name no entity has cannot be decoded: malformed_line, not malformed_change.",
       [hello(B, LAPTOP, {B: 1}), change_line(B1_UNKNOWN_FIELD), done(1)],
       [hello(A, OFFICE, {})], outcome=error("malformed_line", 2))

# ---------------------------------------------------------------- refused: change checks

vector("40-non-contiguous",
       "B:2 arrives but the responder has nothing from B: the next expected is B:1.",
       [hello(B, LAPTOP, {B: 2}), change_line(B2), done(1)],
       [hello(A, OFFICE, {})], outcome=error("non_contiguous", 2))

B1_AFTER_C1 = change(B, 1, 2, E1, "article", {"alive": True, "title": nfc("Hà Nội ngập sâu")}, {C: 1})
vector("41-causality-violation",
       "B:1 was made after C:1 (its context names C:1), which the responder does not have.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_AFTER_C1), done(1)],
       [hello(A, OFFICE, {})], outcome=error("causality_violation", 2))

C1_FORGED = dict(C1, fields=dict(C1["fields"], title=nfc("Tiêu đề khác")))
vector("42-equivocation",
       "The initiator sends another change (another title) under the dot C:1, which the responder already holds.",
       [hello(B, LAPTOP, {C: 1}), change_line(C1_FORGED), done(1)],
       [hello(A, OFFICE, {C: 1})], outcome=error("equivocation", 2), responder_changes=[C1])

A1_FORGED = change(A, 1, 1, E1, "article", {"alive": True, "title": TITLE, "body": BODY}, {})
vector("43-forged-origin",
       "A change claiming the responder's own id, which the responder never made.",
       [hello(B, LAPTOP, {A: 1}), change_line(A1_FORGED), done(1)],
       [hello(A, OFFICE, {})], outcome=error("forged_origin", 2))

B1_NFD = dict(B1, fields=dict(B1["fields"], title=unicodedata.normalize("NFD", TITLE)))
vector("44-malformed-change-not-nfc",
       "The title is in NFD (decomposed): text must be NFC.",
       [hello(B, LAPTOP, {B: 1}), change_line(B1_NFD), done(1)],
       [hello(A, OFFICE, {})], outcome=error("malformed_change", 2))

B1_NOTE = dict(B1, fields={"alive": True, "title": TITLE, "note": "x"})
vector("45-malformed-change-field-of-other-kind",
       "An article has no 'note' field (annotations do).",
       [hello(B, LAPTOP, {B: 1}), change_line(B1_NOTE), done(1)],
       [hello(A, OFFICE, {})], outcome=error("malformed_change", 2))

B1_AS_ANNOTATION = change(B, 1, 2, E1, "annotation", {"alive": True, "note": "x"}, {C: 1})
vector("46-malformed-change-kind-mismatch",
       "Entity 0000000000000001 is an article here; a change treating it as an annotation is refused.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_AS_ANNOTATION), done(1)],
       [hello(A, OFFICE, {C: 1})], outcome=error("malformed_change", 2), responder_changes=[C1])

B2_NO_PREDECESSOR = dict(B2, context={})
vector("47-malformed-change-context-lacks-predecessor",
       "B:2's context must hold B:1 (its author's previous change); an empty context is malformed, "
       "which is checked before contiguity.",
       [hello(B, LAPTOP, {B: 2}), change_line(B1), change_line(B2_NO_PREDECESSOR), done(2)],
       [hello(A, OFFICE, {})], outcome=error("malformed_change", 3))

B1_NO_FIELDS = dict(B1, fields={})
vector("48-malformed-change-no-fields",
       "A change must write at least one field.",
       [hello(B, LAPTOP, {B: 1}), change_line(B1_NO_FIELDS), done(1)],
       [hello(A, OFFICE, {})], outcome=error("malformed_change", 2))

B1_ANNOTATION_BAD_ANCHOR = change(
    B, 1, 2, E2, "annotation",
    {"alive": True, "article": E1, "note": "",
     "anchor": dict(anchor(nfc("sông Hồng")), end=anchor(nfc("sông Hồng"))["end"] + 1)}, {C: 1})
vector("49-malformed-change-anchor-does-not-fit-quote",
       "The anchor spans one scalar more than its quote.",
       [hello(B, LAPTOP, {B: 1, C: 1}), change_line(B1_ANNOTATION_BAD_ANCHOR), done(1)],
       [hello(A, OFFICE, {C: 1})], outcome=error("malformed_change", 2), responder_changes=[C1])

vector("50-batch-rolled-back",
       "Two valid changes, then a non-contiguous one in the same batch: the batch is one transaction, so "
       "neither valid change is kept.",
       [hello(B, LAPTOP, {B: 4}), change_line(B1), change_line(B2),
        change_line(change(B, 4, 4, E1, "article", {"alive": True, "title": "x"}, {B: 3})), done(3)],
       [hello(A, OFFICE, {})], outcome=error("non_contiguous", 4))


# ---------------------------------------------------------------- more bad input (see bad-input.md)

H1 = hello(B, LAPTOP, {B: 1})
HELLO_A = hello(A, OFFICE, {})


def bad(name, description, lines, code, line, responder_changes=()):
    knowledge = {}
    for value in responder_changes:
        knowledge = merged(knowledge, {value["replica"]: value["counter"]})
    output = [] if line == 1 else [hello(A, OFFICE, knowledge)]
    vector(name, description, lines, output, outcome=error(code, line), responder_changes=responder_changes)


def hello_with(**members):
    value = {"type": "hello", "protocol": "marginalia-sync", "version": 1, "replica": B, "name": LAPTOP,
             "knowledge": {B: 1}}
    value.update(members)
    return canon({key: item for key, item in value.items() if item is not REMOVE})


REMOVE = object()


def b1_with(**members):
    value = dict(B1)
    value.update(members)
    return change_line({key: item for key, item in value.items() if item is not REMOVE})


def b1_fields(fields):
    return change_line(dict(B1, fields=fields))


B1_ANNOTATION = change(B, 1, 1, E2, "annotation",
                       {"alive": True, "article": E1, "note": "", "anchor": anchor(nfc("sông Hồng"))}, {})


def annotation_with_anchor(**members):
    value = dict(B1_ANNOTATION["fields"]["anchor"])
    value.update(members)
    value = {key: item for key, item in value.items() if item is not REMOVE}
    return change_line(dict(B1_ANNOTATION, fields=dict(B1_ANNOTATION["fields"], anchor=value)))


bad("51-empty-line", "An empty line is not a JSON object.", [H1, "", done(0)], "malformed_line", 2)
bad("52-json-array", "A JSON array is not a message.", [H1, "[]", done(0)], "malformed_line", 2)
bad("53-json-string", "A JSON string is not a message.", [H1, '"done"', done(0)], "malformed_line", 2)
bad("54-no-type", "An object without type.", [H1, '{"count":0}'], "malformed_line", 2)
bad("55-type-not-a-string", "type must be a string.", [H1, '{"count":0,"type":1}'], "malformed_line", 2)
bad("56-two-objects-on-one-line", "One line holds exactly one object.", [H1, done(0) + done(0)],
    "malformed_line", 2)
bad("57-trailing-garbage", "Nothing may follow the object on its line.", [H1, done(0) + " x"],
    "malformed_line", 2)
bad("58-unknown-done-member", "done has only count.", [H1, '{"count":0,"note":"x","type":"done"}'],
    "malformed_line", 2)
bad("59-hello-without-knowledge", "A hello must have every member.", [hello_with(knowledge=REMOVE), done(0)],
    "malformed_line", 1)
bad("60-version-as-string", "version is an integer: \"1\" is a malformed line, not a version mismatch.",
    [hello_with(version="1"), done(0)], "malformed_line", 1)
bad("61-uppercase-replica-id", "Identifiers are lowercase.", [hello_with(replica=B.upper()), done(0)],
    "malformed_line", 1)
bad("62-identifier-with-forbidden-letter", "i, l, o and u are not in the identifier alphabet.",
    [hello_with(replica="bbbbbbbbbbbbbbbi"), done(0)], "malformed_line", 1)
bad("63-knowledge-counter-zero", "Version vectors omit zero counters; an explicit 0 is malformed.",
    [hello_with(knowledge={B: 0}), done(0)], "malformed_line", 1)
bad("64-knowledge-counter-fraction", "Counters are integers.",
    [hello_with(knowledge={B: 1.5}), done(0)], "malformed_line", 1)
bad("65-error-with-unknown-code", "An error line must carry one of the defined codes.",
    [H1, canon({"type": "error", "code": "teapot", "message": "short and stout"})], "malformed_line", 2)
bad("66-unknown-change-member", "A change object has exactly its eight members.",
    [H1, b1_with(signature="0f3a"), done(1)], "malformed_line", 2)
bad("67-change-without-time", "Every member of a change is required.",
    [H1, b1_with(time=REMOVE), done(1)], "malformed_line", 2)
bad("68-tag-name-with-space", "Tag names hold no white space.",
    [H1, b1_fields({"alive": True, "title": TITLE, "tag:two words": True}), done(1)], "malformed_line", 2)
bad("69-tag-name-not-nfc", "A tag name in NFD is an unknown field name (the wire form must be NFC).",
    [H1, b1_fields({"alive": True, "title": TITLE, unicodedata.normalize("NFD", "tag:lũ"): True}), done(1)],
    "malformed_line", 2)
bad("70-tag-name-too-long", "Tag names have at most 64 scalars.",
    [H1, b1_fields({"alive": True, "title": TITLE, "tag:" + "x" * 65: True}), done(1)], "malformed_line", 2)
bad("71-empty-tag-name", "Tag names have at least one scalar.",
    [H1, b1_fields({"alive": True, "title": TITLE, "tag:": True}), done(1)], "malformed_line", 2)
bad("72-field-value-of-wrong-type", "alive is a boolean.",
    [H1, b1_fields({"alive": "yes", "title": TITLE}), done(1)], "malformed_line", 2)
bad("73-null-title", "Only source may be null.",
    [H1, b1_fields({"alive": True, "title": None}), done(1)], "malformed_line", 2)
bad("74-anchor-unknown-member", "An anchor has exactly start, end, quote, prefix, suffix and revision.",
    [H1, annotation_with_anchor(colour="yellow"), done(1)], "malformed_line", 2)
bad("75-anchor-without-suffix", "prefix and suffix are required, even when empty.",
    [H1, annotation_with_anchor(suffix=REMOVE), done(1)], "malformed_line", 2)
bad("76-negative-counter", "Counters are unsigned.", [H1, b1_with(counter=-1), done(1)], "malformed_line", 2)
bad("77-fractional-counter", "Counters are integers.", [H1, b1_with(counter=1.5), done(1)], "malformed_line", 2)
bad("78-unknown-kind", "kind is article or annotation.", [H1, b1_with(kind="comment"), done(1)],
    "malformed_line", 2)
bad("79-bad-entity-id", "An entity id of 17 characters.", [H1, b1_with(entity=E1 + "0"), done(1)],
    "malformed_line", 2)
bad("80-done-before-hello", "done where the hello must come.", [done(0)], "unexpected_message", 1)
bad("81-challenge-after-hello", "A challenge where a change or done must come.",
    [hello(B, LAPTOP, {}), canon({"type": "challenge", "nonce": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})],
    "unexpected_message", 2)
bad("82-negative-done-count", "A negative count never matches.", [hello(B, LAPTOP, {}), '{"count":-1,"type":"done"}'],
    "count_mismatch", 2)
vector("83-same-change-twice",
       "The same change twice in one session: the second is a duplicate of the first, skipped harmlessly; done "
       "counts both lines.",
       [H1, change_line(B1), change_line(B1), done(2)], [HELLO_A, done(0)],
       knowledge_after={B: 1}, peer_knowledge={B: 1})
bad("84-same-dot-twice-with-other-content", "B:1, then another change under B:1 in the same session.",
    [H1, change_line(B1), b1_fields({"alive": True, "title": nfc("Tiêu đề khác")}), done(2)], "equivocation", 3)
bad("85-equivocation-in-time-only", "Every member counts: the same change with another time is equivocation.",
    [hello(B, LAPTOP, {C: 1}), change_line(dict(C1, time=C1["time"] + 1)), done(1)], "equivocation", 2,
    responder_changes=[C1])
bad("86-lamport-zero", "Lamport timestamps start at 1.", [H1, b1_with(lamport=0), done(1)], "malformed_change", 2)
bad("87-empty-title", "A title is not empty.", [H1, b1_fields({"alive": True, "title": ""}), done(1)],
    "malformed_change", 2)
bad("88-title-with-line-break", "A title holds no control character.",
    [H1, b1_fields({"alive": True, "title": nfc("Hà Nội\nngập sâu")}), done(1)], "malformed_change", 2)
bad("89-too-many-fields", "At most 256 fields: alive and 256 tags are 257.",
    [H1, b1_fields(dict({"alive": True}, **{f"tag:t{index}": True for index in range(256)})), done(1)],
    "malformed_change", 2)


def numbered_id(number):
    digits = "0123456789abcdefghjkmnpqrstvwxyz"
    text = ""
    for _ in range(15):
        text = digits[number % 32] + text
        number //= 32
    return "x" + text


bad("90-context-too-large", "At most 10,000 context entries (this one has 10,001).",
    [H1, b1_with(context={numbered_id(index): 1 for index in range(10_001)}), done(1)], "malformed_change", 2)
bad("91-anchor-negative-start", "Anchors start at offset 0 or later.",
    [H1, annotation_with_anchor(start=-1), done(1)], "malformed_change", 2)
bad("92-empty-anchor", "An anchor spans at least one scalar.",
    [H1, annotation_with_anchor(end=B1_ANNOTATION["fields"]["anchor"]["start"], quote=""), done(1)],
    "malformed_change", 2)
bad("93-prefix-too-long", "At most 32 scalars of context before the quote.",
    [H1, annotation_with_anchor(prefix="x" * 33), done(1)], "malformed_change", 2)
bad("94-quote-not-nfc", "Anchor texts are NFC too.",
    [H1, annotation_with_anchor(quote=unicodedata.normalize("NFD", nfc("sông Hồng"))), done(1)],
    "malformed_change", 2)
bad("95-context-with-wrong-predecessor", "B:2's context must hold B:1, not B:5.",
    [hello(B, LAPTOP, {B: 2}), change_line(B1), change_line(dict(B2, context={B: 5})), done(2)],
    "malformed_change", 3)
bad("96-hello-name-with-escape",
    "A hello's name holds no control character: an ESC (U+001B), which could start a terminal escape sequence, "
    "makes the hello a malformed line.",
    [hello_with(name="laptop\u001b[31m"), done(0)], "malformed_line", 1)
bad("97-hello-name-not-nfc",
    "A hello's name must already be in NFC, compared scalar by scalar: the same name decomposed (NFD) is a "
    "malformed line, not another spelling of a valid name.",
    [hello_with(name=unicodedata.normalize("NFD", nfc("Máy bàn"))), done(0)], "malformed_line", 1)


def tcp_handshake():
    """The TCP handshake example of Protocol/README.md, with every intermediate value."""
    token = "correct-horse-battery-staple-2026\n"
    secret = token.strip()
    server_nonce = base64.b64encode(hashlib.sha256(b"example server nonce").digest()).decode()
    client_nonce = base64.b64encode(hashlib.sha256(b"example client nonce").digest()).decode()

    def proof(role, first, second):
        message = f"marginalia-sync/1 {role}\n{first}\n{second}".encode()
        return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()

    client_proof = proof("client", server_nonce, client_nonce)
    server_proof = proof("server", client_nonce, server_nonce)
    client_hello = {"type": "hello", "protocol": "marginalia-sync", "version": 1, "replica": B, "name": LAPTOP,
                    "knowledge": {}, "auth": {"nonce": client_nonce, "proof": client_proof}}
    server_hello = {"type": "hello", "protocol": "marginalia-sync", "version": 1, "replica": A, "name": OFFICE,
                    "knowledge": {}, "auth": {"proof": server_proof}}
    return {
        "description": "A TCP session between two empty replicas: the server (responder, " + A + ") speaks first "
                       "with a challenge; lines alternate server, client, server, client, server.",
        "token_file_content": token,
        "secret": secret,
        "server_replica": A,
        "client_replica": B,
        "server_nonce": server_nonce,
        "client_nonce": client_nonce,
        "client_proof_message": f"marginalia-sync/1 client\n{server_nonce}\n{client_nonce}",
        "client_proof": client_proof,
        "server_proof_message": f"marginalia-sync/1 server\n{client_nonce}\n{server_nonce}",
        "server_proof": server_proof,
        "lines": [canon({"type": "challenge", "nonce": server_nonce}), canon(client_hello), canon(server_hello),
                  done(0), done(0)],
    }


def tls_pairing():
    """Pairing over TLS (Protocol/README.md section 10): the token proofs of the TCP example,
    bound to both certificates' fingerprints, and what a man in the middle would need."""
    token = "correct-horse-battery-staple-2026\n"
    secret = token.strip()
    server_nonce = base64.b64encode(hashlib.sha256(b"example server nonce").digest()).decode()
    client_nonce = base64.b64encode(hashlib.sha256(b"example client nonce").digest()).decode()
    client_fp = hashlib.sha256(b"example client SubjectPublicKeyInfo").hexdigest()
    server_fp = hashlib.sha256(b"example server SubjectPublicKeyInfo").hexdigest()
    middle_fp = hashlib.sha256(b"example man-in-the-middle SubjectPublicKeyInfo").hexdigest()

    def message(role, first, second, client, server):
        return f"marginalia-sync/1 {role}\n{first}\n{second}\n{client}\n{server}"

    def proof(text):
        return base64.b64encode(hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()).decode()

    client_message = message("client", server_nonce, client_nonce, client_fp, server_fp)
    server_message = message("server", client_nonce, server_nonce, client_fp, server_fp)
    # The client talks TLS to the man in the middle, who talks TLS to the server: the
    # client binds (client, middle), the server expects (middle, server).
    relayed_client_message = message("client", server_nonce, client_nonce, client_fp, middle_fp)
    expected_by_server_message = message("client", server_nonce, client_nonce, middle_fp, server_fp)
    return {
        "description": "Token pairing over TLS: the proofs of tcp/handshake.json with the client's and the server's "
                       "certificate fingerprints (lowercase hex SHA-256 of each SubjectPublicKeyInfo) appended. A man "
                       "in the middle presents its own certificate to each side, so the proof the client makes "
                       "is never the one the server expects.",
        "secret": secret,
        "server_nonce": server_nonce,
        "client_nonce": client_nonce,
        "client_fingerprint": client_fp,
        "server_fingerprint": server_fp,
        "client_proof_message": client_message,
        "client_proof": proof(client_message),
        "server_proof_message": server_message,
        "server_proof": proof(server_message),
        "middle_fingerprint": middle_fp,
        "relayed_client_proof_message": relayed_client_message,
        "relayed_client_proof": proof(relayed_client_message),
        "client_proof_expected_by_server_message": expected_by_server_message,
        "client_proof_expected_by_server": proof(expected_by_server_message),
    }


# ---------------------------------------------------------------- bad-input.md

BAD_INPUT_INTRO = """# Bad input

The catalogue of everything a peer can send wrong, what it gets back, and what it leaves
behind. Generated by `tools/make_vectors.py` together with the vectors it cites: edit
there, not here.

**Setting.** Unless a case says otherwise, the refusing side is a responder answering
over standard input and output (`marginalia --db PATH serve --stdio`): replica
`aaaaaaaaaaaaaaaa`, named `office`, holding nothing, or the change `cccccccccccccccc:1`
of the vectors where the case says so. The initiator claims to be `bbbbbbbbbbbbbbbb`
(`laptop`). Each block shows the initiator's input **exactly**, one line per line (the LF
that ends each line is not shown), up to the refused line: nothing after it is read.

**What every refusal does.** The refusing side sends exactly one `error` line as its last
line, with the `code` and `line` given (the 1-based number of the refused line in its
own input); before it, the responder has sent its own `hello` when the refused line is
not line 1, and nothing else. It then ends the session (the command exits with status
75). Its replica is **unchanged**: the log, knowledge, every derived table (the state
digest), the Lamport clock and the remembered peers are exactly as before, because
nothing of an unfinished batch is ever committed. `ConformanceVectorTests` checks this
for every vector named below (state digest, knowledge, every log payload, nothing
remembered about the peer, and `verify`); `Tests/MarginaliaCLITests/SyncBadInputTests`
checks the replica file byte for byte (after a WAL checkpoint) for the command-line tool.
(When a refusal comes after more than 2,000 changes, the batches completed before it
stay, as README section 13 says; no case below sends that many.)

The wording of `message` is not part of the protocol; codes and lines are.
"""

FRAMING = [
    ("Not UTF-8",
     "Line 2 is `{\"count\":0,\"type\":\"d` + the byte `FF` + `one\"}`: not valid UTF-8, checked before JSON.",
     [H1, '{"count":0,"type":"d\\xFFone"}   (bytes: 7b 22 63 6f 75 6e 74 22 3a 30 2c 22 74 79 70 65 22 3a 22 64 ff 6f 6e 65 22 7d)'],
     "`malformed_line`, line 2"),
    ("No final newline",
     "The input ends with bytes after the last LF: the line was cut short, which is not a clean hang-up.",
     [H1, '{"count":0,"type":"done"}   (then end of input, no LF)'],
     "`malformed_line`, line 2"),
    ("Line too long",
     "Line 2 is longer than 16,777,216 bytes. The receiver refuses it as soon as it holds more than "
     "16,777,216 bytes without an LF; it never buffers the rest.",
     [H1, '{"change":{"context":{},"counter":1,"entity":"0000000000000001","fields":{"body":"aaaa…   '
          '(16,777,217 bytes or more before any LF)'],
     "`line_too_long`, line 2"),
    ("A line of exactly 16 MiB",
     "16,777,216 bytes before the LF: accepted by the framing, then judged on its content like any line.",
     None, "not a framing error"),
    ("CR LF line ends",
     "A CR before the LF is white space to the JSON reader: such lines are read as if they ended in LF. "
     "(Accepted, not sent: senders end lines with LF only.)",
     None, "accepted"),
    ("Hang-up",
     "The input ends cleanly after a line, before `done`: the session fails without an `error` line (there "
     "is nobody to send it to), and the changes of the unfinished batch are not applied.",
     "10-hang-up-mid-batch", "no `error` line; nothing applied"),
]

CATALOGUE = [
    ("Malformed lines",
     "Anything that does not decode as a message of a known type with exactly its members, of the right JSON "
     "types, is `malformed_line`, whatever else is wrong with it.",
     ["30-malformed-json", "51-empty-line", "52-json-array", "53-json-string", "54-no-type",
      "55-type-not-a-string", "31-unknown-message-type", "56-two-objects-on-one-line", "57-trailing-garbage",
      "23-unknown-hello-member", "58-unknown-done-member", "59-hello-without-knowledge", "60-version-as-string",
      "61-uppercase-replica-id", "62-identifier-with-forbidden-letter", "63-knowledge-counter-zero",
      "64-knowledge-counter-fraction", "96-hello-name-with-escape", "97-hello-name-not-nfc",
      "65-error-with-unknown-code", "66-unknown-change-member",
      "67-change-without-time", "34-unknown-field-is-malformed-line", "68-tag-name-with-space",
      "69-tag-name-not-nfc", "70-tag-name-too-long", "71-empty-tag-name", "72-field-value-of-wrong-type",
      "73-null-title", "74-anchor-unknown-member", "75-anchor-without-suffix", "76-negative-counter",
      "77-fractional-counter", "78-unknown-kind", "79-bad-entity-id"]),
    ("Out of order",
     "A well-formed message the session's state does not allow is `unexpected_message`.",
     ["24-change-before-hello", "80-done-before-hello", "25-challenge-to-stdio-responder", "32-second-hello",
      "81-challenge-after-hello"]),
    ("Wrong version or wrong peer",
     "Checked once the hello has decoded; on TCP, after authentication.",
     ["20-wrong-version", "21-wrong-protocol-name", "22-same-replica"]),
    ("Version 2: probes and digests",
     "A probe only before the initiator's first change, of version 2, within what the responder holds; "
     "digests that differ at the end are `diverged` (after everything received was stored).",
     ["15-probe-beyond-what-is-held", "16-probe-after-a-change", "17-version-1-probe", "13-version-2-diverged"]),
    ("Counts",
     "`done` must count the change lines sent since the hello, duplicates included.",
     ["33-count-mismatch", "82-negative-done-count"]),
    ("Forged, equivocating and out-of-order changes",
     "Checked in the order of README section 11.",
     ["42-equivocation", "85-equivocation-in-time-only", "84-same-dot-twice-with-other-content",
      "43-forged-origin", "40-non-contiguous", "41-causality-violation"]),
    ("Malformed changes",
     "Decoded, but not a change a correct replica could have made: `malformed_change`.",
     ["44-malformed-change-not-nfc", "94-quote-not-nfc", "45-malformed-change-field-of-other-kind",
      "46-malformed-change-kind-mismatch", "47-malformed-change-context-lacks-predecessor",
      "95-context-with-wrong-predecessor", "48-malformed-change-no-fields", "86-lamport-zero", "87-empty-title",
      "88-title-with-line-break", "89-too-many-fields", "90-context-too-large",
      "49-malformed-change-anchor-does-not-fit-quote", "91-anchor-negative-start", "92-empty-anchor",
      "93-prefix-too-long"]),
    ("Batches",
     "A refusal rolls back its whole batch (up to 2,000 changes), not just the refused change.",
     ["50-batch-rolled-back"]),
    ("The peer's own error",
     "An `error` line from the peer ends the session; nothing is sent back.",
     ["11-peer-error", "19-peer-unavailable"]),
    ("Accepted, for contrast",
     "Repeats of a change already held are harmless, whatever their bytes.",
     ["06-duplicate-change", "07-duplicate-in-other-byte-form", "83-same-change-twice"]),
]

NOT_REPLAYED = [
    ("A text over 4 MiB",
     "A `title`, `body`, `source`, `note`, `quote`, `prefix` or `suffix` of more than 4,194,304 bytes of "
     "UTF-8 (for example `\"body\":\"aaa…\"` with 4,194,305 `a`). Not a vector because of its size.",
     "`malformed_change`, the change's line"),
    ("A change with counter 0",
     "`{\"change\":{\"context\":{},\"counter\":0,…},\"type\":\"change\"}`. Refused by the first check of "
     "README section 11, before anything is looked up: a counter 0 is never taken for a change already held. "
     "The replica is unchanged.",
     "`malformed_change`, the change's line"),
    ("`done` with a wrong count after changes",
     "A hello, one valid change (line 2), then `{\"count\":2,\"type\":\"done\"}`. The count is compared "
     "before the pending batch is applied, so the change of line 2 is discarded with it and the replica is "
     "unchanged. `SyncBadInputTests.doneCountMismatch` runs this case; vector `33-count-mismatch` sends no "
     "change.",
     "`count_mismatch`, line 3; nothing applied"),
    ("A counter or Lamport timestamp above 2^53−1",
     "`\"lamport\":9007199254740992` (2^53) in an otherwise valid change, or a value that large as its "
     "`counter`, a `context` counter or an anchor's `revision.counter`: refused by the first check of README "
     "section 11. A value above 2^64−1 does not decode at all (`malformed_line`). `\"lamport\":9007199254740991` "
     "is accepted, after which the receiving replica can make no local edit (README, Known issues, item 1).",
     "`malformed_change`, the change's line"),
]

TCP_CASES = [
    ("Client hello without `auth`",
     "The client answers the challenge with a plain hello, as over stdio.",
     ['← {"nonce":"<server nonce>","type":"challenge"}',
      '→ {"knowledge":{},"name":"laptop","protocol":"marginalia-sync","replica":"bbbbbbbbbbbbbbbb","type":"hello","version":1}'],
     "server sends `unauthorized`, line 1"),
    ("`auth` without a nonce",
     "The proof alone cannot be checked: the client's nonce is part of it.",
     ['→ {"auth":{"proof":"<44 characters>"},"knowledge":{},…,"type":"hello","version":1}'],
     "server sends `unauthorized`, line 1"),
    ("Wrong token",
     "The client's token differs from the server's, so its proof does not match.",
     ['→ {"auth":{"nonce":"<client nonce>","proof":"<HMAC with the wrong secret>"},…,"type":"hello","version":1}'],
     "server sends `unauthorized`, line 1; other clients are still served"),
    ("Replayed proof",
     "A hello copied from an earlier session: the proof was made for another server nonce.",
     ['→ <a client hello recorded from another connection>'],
     "server sends `unauthorized`, line 1"),
    ("Proof that is not base64",
     "`\"proof\":\"not base64!\"` does not decode, so it cannot match.",
     ['→ {"auth":{"nonce":"<client nonce>","proof":"not base64!"},…}'],
     "server sends `unauthorized`, line 1"),
    ("Wrong token and wrong version",
     "Authentication is checked before the version: an unauthenticated client learns nothing else.",
     ['→ {"auth":{"nonce":"…","proof":"<wrong>"},…,"version":2}'],
     "server sends `unauthorized`, line 1"),
    ("A server that cannot prove the secret",
     "The server's hello carries no `auth`, or a proof that is not the HMAC of the client's nonce and the "
     "server's nonce with the shared secret.",
     ['← {"nonce":"<server nonce>","type":"challenge"}',
      '→ <client hello with auth>',
      '← {"knowledge":{},"name":"office",…,"type":"hello","version":1}'],
     "client sends `unauthorized`, line 2"),
    ("A server that skips the challenge",
     "The client expects a challenge as line 1.",
     ['← {"knowledge":{},"name":"office",…,"type":"hello","version":1}'],
     "client sends `unexpected_message`, line 1"),
    ("Silent client",
     "Connects and sends nothing (or no complete line) for the handshake timeout (10 s by default).",
     ['← {"nonce":"<server nonce>","type":"challenge"}', '   (silence)'],
     "server sends `{\"code\":\"timeout\",\"message\":\"no hello within the handshake timeout\",\"type\":\"error\"}` "
     "(no `line`) and closes"),
    ("Trickling or stalled client",
     "After its hello, no complete line arrives from the client and no write of the server's is accepted for "
     "the idle timeout (60 s by default): a client sending a byte at a time, or one that stops reading while "
     "the server sends.",
     None,
     "server sends `timeout` (no `line`, message `no progress within the idle timeout`) and closes; the "
     "pending batch is discarded"),
    ("Token file readable by others, or too short",
     "`--token-file` with any group or other permission bit set, or holding fewer than 16 bytes after "
     "trimming.",
     None,
     "refused locally before any connection (exit status 64); nothing is sent"),
]


def bad_input_md():
    out = [BAD_INPUT_INTRO]

    def block(lines, vector_name=None):
        out.append("```text")
        for line in lines:
            if len(line) > 1500:
                line = (line[:300] + f"…   ({len(line.encode())} bytes in all; the exact line is in vector "
                        f"{vector_name})")
            out.append(line if line else "   (an empty line)")
        out.append("```")

    def shown_input(name):
        value = vectors[name]
        outcome = value["outcome"]
        lines = value["input"]
        if isinstance(outcome, dict) and "line" in outcome:
            lines = lines[:outcome["line"]]
        return lines, value

    def result(value):
        outcome = value["outcome"]
        if outcome == "ok":
            return "accepted; the session succeeds"
        if "error" in outcome:
            sent = "after its hello" if outcome["line"] > 1 else "as its only line"
            return f"`{outcome['error']}`, line {outcome['line']} (sent {sent})"
        if "peer_error" in outcome:
            return "the session ends; nothing is sent back; nothing of the batch is applied"
        return "no `error` line; nothing of the unfinished batch is applied"

    def held(value):
        changes = value["responder"]["changes"]
        if not changes:
            return ""
        dots = ", ".join(f"`{c['replica']}:{c['counter']}`" for c in changes)
        return f" The responder holds {dots}."

    out.append("## Framing\n")
    out.append("Byte-level cases cannot be vectors (vectors hold lines of text); "
               "`SyncBadInputTests` runs the refusals among them against the real binary.\n")
    for title, text, lines, outcome in FRAMING:
        out.append(f"### {title}\n")
        if isinstance(lines, str):
            shown, value = shown_input(lines)
            out.append(f"{text} Vector `{lines}`.\n")
            block(shown, lines)
        else:
            out.append(text + "\n")
            if lines:
                block(lines)
        out.append(f"\n→ {outcome}.\n")

    number = 0
    for title, text, names in CATALOGUE:
        out.append(f"## {title}\n")
        out.append(text + "\n")
        for name in names:
            number += 1
            shown, value = shown_input(name)
            out.append(f"### {name}\n")
            out.append(value["description"] + held(value) + "\n")
            block(shown, name)
            out.append(f"\n→ {result(value)}.\n")

    out.append("## Not replayed as vectors\n")
    for title, text, outcome in NOT_REPLAYED:
        out.append(f"### {title}\n")
        out.append(text + "\n")
        out.append(f"→ {outcome}.\n")

    out.append("## TCP: authentication and timeouts\n")
    out.append("A TCP server (`serve --listen … --token-file …`) runs the responder with a challenge first "
               "(README section 10). Nonces and proofs are random per connection, so these cases are "
               "described rather than replayed; `SyncBadInputTests` runs several against a real server. "
               "`←` is the server, `→` the client; `…` stands for the unchanged members of a correct hello. "
               "A refused client changes nothing on the server.\n")
    for title, text, lines, outcome in TCP_CASES:
        out.append(f"### {title}\n")
        out.append(text + "\n")
        if lines:
            block(lines)
        out.append(f"\n→ {outcome}.\n")
    return "\n".join(out).replace("\n\n\n", "\n\n")


def main():
    os.makedirs(os.path.join(VECTORS, "tcp"), exist_ok=True)
    with open(os.path.join(VECTORS, "tcp", "handshake.json"), "w", encoding="utf-8") as file:
        json.dump(tcp_handshake(), file, ensure_ascii=False, indent=2)
        file.write("\n")
    with open(os.path.join(VECTORS, "tcp", "tls-pairing.json"), "w", encoding="utf-8") as file:
        json.dump(tls_pairing(), file, ensure_ascii=False, indent=2)
        file.write("\n")
    for name in os.listdir(VECTORS):
        if name.endswith(".json"):
            os.remove(os.path.join(VECTORS, name))
    for name, value in vectors.items():
        with open(os.path.join(VECTORS, name + ".json"), "w", encoding="utf-8") as file:
            json.dump(value, file, ensure_ascii=False, indent=2)
            file.write("\n")
    with open(os.path.join(os.path.dirname(VECTORS), "bad-input.md"), "w", encoding="utf-8") as file:
        file.write(bad_input_md())
    print(f"wrote {len(vectors)} vectors to {VECTORS} and bad-input.md")


if __name__ == "__main__":
    main()
