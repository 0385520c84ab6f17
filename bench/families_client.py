"""A family registering through the website, page by page, as the load test and the fault drill send them: every
question page, three choices from the list the choice page offers, and the check page's idempotency key sent back
with the submit. A page that fails with a server error (or no answer at all) is tried again, the submit with the
same key, until `patience` seconds have passed; then the registration counts as refused, with the message the
client last saw."""

import re
import time
from dataclasses import dataclass, field

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([A-Za-z0-9_-]+)"')
ADD = re.compile(r'name="action" value="add:(\d+)"')
REFERENCE = re.compile(r'class="loket-key loket-ltr">([A-Z2-9]{4}-[A-Z2-9]{4})<')
HEADING = re.compile(r"<h1[^>]*>\s*(.*?)\s*</h1>", re.S)
STEP = "/gezin/aanvraag/stap/"
RETRY = {500, 502, 503, 504}
RUN = f"{int(time.time()):x}"  # in every address, so that a run on a reused database makes only new families


@dataclass
class Sent:
    """One registration a client sent (it reached the submit), and what the client was told."""

    key: str
    email: str
    choices: int
    submit_started: float  # monotonic time of the first submit attempt
    ended: float = 0.0  # monotonic time of the final answer
    outcome: str = ""  # "accepted" (with `reference`) or "refused" (with `message`)
    reference: str = ""
    message: str = ""
    attempts: list = field(default_factory=list)  # (started, ended, status) per submit attempt


class GaveUp(Exception):
    """A question page kept failing: the family gave up before sending anything."""


class Family:
    def __init__(
        self, base_url: str, patience: float = 60.0, timeout: float = 30.0, on_request=None, on_send=None
    ):
        self.base_url = base_url
        self.patience = patience
        self.timeout = timeout
        self.session = requests.Session()
        # Called with (kind, started, ended, status or None) after every HTTP request (the load test's statistics),
        # and with (kind,) before one is sent (the fault drill's view of what is in flight).
        self.on_request = on_request or (lambda *args: None)
        self.on_send = on_send or (lambda kind: None)

    def _call(self, kind: str, method: str, path: str, data=None, attempts=None, deadline=None):
        """One page, tried again after a server error or a cut connection until the deadline; returns the last
        response (None when not one answered)."""
        deadline = deadline or time.monotonic() + self.patience
        last = None
        while True:
            self.on_send(kind)
            started = time.monotonic()
            try:
                last = self.session.request(method, self.base_url + path, data=data, timeout=self.timeout)
                status = last.status_code
            except requests.RequestException:
                status = None
            ended = time.monotonic()
            self.on_request(kind, started, ended, status)
            if attempts is not None:
                attempts.append((started, ended, status))
            if status is not None and status not in RETRY:
                return last
            if ended >= deadline:
                return last if status is not None else None
            time.sleep(0.5)

    def _token(self, path: str) -> str:
        response = self._call(path, "GET", path)
        found = response is not None and response.status_code == 200 and CSRF.search(response.text)
        if not found:
            raise GaveUp(path)
        return found.group(1)

    def _answer(self, step: str, data: dict, kind: str | None = None) -> requests.Response:
        token = self._token(STEP + step)
        response = self._call(
            kind or STEP + step, "POST", STEP + step, {**data, "csrfmiddlewaretoken": token}
        )
        if response is None or response.status_code != 200:
            raise GaveUp(step)
        return response

    def register(self, *, n: int, postcode: str, month: str, want: int = 3) -> Sent:
        """Register one child; raises GaveUp when a question page failed before the submit."""
        self.session.cookies.clear()
        email = f"gezin{RUN}-{n}@drill.example"
        self._answer("woonplaats/", {"postcode": postcode})
        self._answer("kinderen/", {"count": "1"})
        self._answer("kind/", {"c1_first_name": f"Kind{n}", "c1_born": "no", "c1_date": "2027-01-15"})
        self._answer(
            "opvang/",
            {
                "start_earliest": month,
                "start_latest": month,
                "weekdays": ["1", "2", "4"],
                "tariffs": ["income"],
            },
        )
        page = self._call(STEP + "keuzes/", "GET", STEP + "keuzes/")
        if page is None or page.status_code != 200:
            raise GaveUp("keuzes/")
        offered = list(dict.fromkeys(ADD.findall(page.text)))[:want]
        if not offered:
            raise GaveUp("keuzes/: no location offered")
        for location in offered:
            self._answer("keuzes/", {"action": f"add:{location}"}, kind="add choice")
        self._answer("keuzes/", {"action": "next"})
        self._answer("voorrang/", {"work": "on"})
        self._answer(
            "contact/",
            {
                "first_name": "Drill",
                "last_name": f"Gezin{n}",
                "email": email,
                "phone": "+32 470 00 00 00",
                "preferred_language": "nl",
                "sign_in": "link",
            },
        )
        check = self._call(STEP + "controle/", "GET", STEP + "controle/")
        token = check is not None and CSRF.search(check.text)
        key = check is not None and KEY.search(check.text)
        if not (token and key):
            raise GaveUp("controle/")
        sent = Sent(key=key.group(1), email=email, choices=len(offered), submit_started=time.monotonic())
        data = {
            "sworn": "on",
            "consent": "on",
            "csrfmiddlewaretoken": token.group(1),
            "submission_key": sent.key,
        }
        response = self._call("submit registration", "POST", STEP + "controle/", data, attempts=sent.attempts)
        sent.ended = time.monotonic()
        found = response is not None and response.status_code == 200 and REFERENCE.search(response.text)
        if found and response.url.endswith("/gezin/aanvraag/klaar/"):
            sent.outcome, sent.reference = "accepted", found.group(1)
        else:
            sent.outcome = "refused"
            heading = response is not None and HEADING.search(response.text)
            sent.message = (
                f"{response.status_code}: {re.sub(r'<[^>]+>', '', heading.group(1))}"
                if heading
                else (f"{response.status_code} without a page" if response is not None else "")
            )
        return sent
