"""After a drill: every registration the clients sent is looked up by the family's unique e-mail address. One the
client was told was accepted must be there exactly once and complete (family with that file number, child, request,
its choices, its status history, the key's record, one confirmation mail in the outbox); one the client was told was
refused must be absent and the client must have seen a clear message. Plain SQL through a DB-API cursor, so the same
check runs on the drill's PostgreSQL (psycopg) and in the test suite (Django's cursor, SQLite or PostgreSQL)."""

from dataclasses import dataclass, field


@dataclass
class Verdict:
    accepted: int = 0  # told accepted, present once and complete
    refused: int = 0  # told refused with a message, and absent
    lost: int = 0  # told accepted but absent, or incomplete; or refused without a message
    duplicated: int = 0  # two families, or two confirmation mails, for one registration
    stored_though_refused: int = 0  # told refused, yet present
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.stored_though_refused)


def _one(cursor, query: str, params) -> int:
    cursor.execute(query, params)
    return cursor.fetchone()[0]


def check(cursor, sent) -> Verdict:
    verdict = Verdict()
    for s in sent:
        cursor.execute(
            "SELECT DISTINCT f.id, f.reference FROM demand_family f JOIN demand_guardian g ON g.family_id = f.id "
            "WHERE g.email = %s",
            [s.email],
        )
        families = cursor.fetchall()
        mails = _one(
            cursor,
            'SELECT COUNT(*) FROM core_outgoingmail WHERE CAST("to" AS TEXT) LIKE %s',
            [f'%"{s.email}"%'],
        )
        if len(families) > 1 or mails > 1:
            verdict.duplicated += 1
            verdict.problems.append(f"{s.email}: {len(families)} families, {mails} mails")
            continue
        if s.outcome != "accepted":
            if families:
                verdict.stored_though_refused += 1
                verdict.problems.append(f"{s.email}: told refused ({s.message}) but registered")
            elif not s.message:
                verdict.lost += 1
                verdict.problems.append(f"{s.email}: no answer and no message")
            else:
                verdict.refused += 1
            continue
        missing = _incomplete(cursor, s, families, mails)
        if missing:
            verdict.lost += 1
            verdict.problems.append(f"{s.email} ({s.reference}): {missing}")
        else:
            verdict.accepted += 1
    return verdict


def _incomplete(cursor, s, families, mails) -> str:
    if not families:
        return "no family"
    family_id, reference = families[0]
    if reference != s.reference:
        return f"file number {reference}, the client was shown {s.reference}"
    children = _one(cursor, "SELECT COUNT(*) FROM demand_child WHERE family_id = %s", [family_id])
    cursor.execute(
        "SELECT r.id FROM demand_childcarerequest r JOIN demand_child c ON r.child_id = c.id WHERE c.family_id = %s",
        [family_id],
    )
    requests = [row[0] for row in cursor.fetchall()]
    if children != 1 or len(requests) != 1:
        return f"{children} children, {len(requests)} requests"
    choices = _one(cursor, "SELECT COUNT(*) FROM demand_choice WHERE request_id = %s", [requests[0]])
    if choices != s.choices:
        return f"{choices} choices of {s.choices}"
    if not _one(cursor, "SELECT COUNT(*) FROM demand_statuschange WHERE request_id = %s", [requests[0]]):
        return "no status history"
    if not _one(
        cursor,
        "SELECT COUNT(*) FROM families_submittedregistration WHERE key = %s AND family_id = %s",
        [s.key, family_id],
    ):
        return "no record of its key"
    if mails != 1:
        return "no confirmation mail in the outbox"
    return ""
