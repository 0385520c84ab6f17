"""A verifiable lottery: each round draws a fresh secret seed, publishes a commitment to it before the run and the
seed itself after, so anyone can check that the draw was fixed before the run and recompute it.

- **seed**: 32 bytes from the operating system's cryptographic source, written as 64 hexadecimal digits;
- **canonical instance**: the instance without `policy.lottery_seed` and `round.commitment`, as JSON with the keys
  of every object sorted, no spaces, UTF-8 (what the desk downloads, in a form every reader writes the same way);
- **commitment**: SHA-256 of the seed's text followed directly by the canonical instance, in hexadecimal;
- **draw**: a request's lottery number is SHA-256 of `<seed>:<request id>`; lower numbers come first. It depends
  only on the seed and the ids, never on the order of the file, and anyone can compute a number by hand
  (`printf '%s' "$SEED:R123" | sha256sum`).
"""

import msgspec

# hashlib and secrets are imported where they are used: most rounds break ties by registration time, and the
# command starts faster without them.

_canonical = msgspec.json.Encoder(order="sorted")


def draw_seed() -> str:
    import secrets

    return secrets.token_hex(32)


def canonical(document) -> bytes:
    """The canonical instance of a document (decoded data, or JSON text)."""
    data = document if isinstance(document, dict) else msgspec.json.decode(document)
    data = dict(data)
    if isinstance(data.get("policy"), dict):
        data["policy"] = {k: v for k, v in data["policy"].items() if k != "lottery_seed"}
    if isinstance(data.get("round"), dict):
        data["round"] = {k: v for k, v in data["round"].items() if k != "commitment"}
    return _canonical.encode(data)


def commitment(document, seed) -> str:
    """What a round publishes before its run: SHA-256 of the seed and the canonical instance."""
    import hashlib

    return hashlib.sha256(_text(seed) + canonical(document)).hexdigest()


def number(seed, request_id: str) -> str:
    """A request's lottery number, in hexadecimal."""
    import hashlib

    return hashlib.sha256(_text(seed) + b":" + _text(request_id)).hexdigest()


def draw_order(seed, request_ids: list[str]) -> list[int]:
    """Request positions from the lowest lottery number to the highest."""
    import hashlib

    prefix = hashlib.sha256(_text(seed) + b":")

    def number_of(request_id: str) -> bytes:
        digest = prefix.copy()
        digest.update(_text(request_id))
        return digest.digest()

    numbers = [number_of(request_id) for request_id in request_ids]
    return sorted(range(len(request_ids)), key=numbers.__getitem__)


def _text(value) -> bytes:
    return str(value).encode("utf-8", "surrogatepass")
