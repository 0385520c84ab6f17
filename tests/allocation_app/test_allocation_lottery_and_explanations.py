"""A round's verifiable lottery (commitment before the run, seed after, recomputed with `loket allocate` from the
downloaded instance) and explanations that tell a family about itself, not about the family that won."""

import hashlib
import json
import subprocess
import sys
from datetime import date

import pytest
from allocation_world import ROUND_DATE, at
from django.urls import reverse
from django.utils import translation

from loket.allocation.engine import lottery
from loket.allocation.explanations import explain_request
from loket.allocation.models import DeskPolicy, Round
from loket.allocation.policy import FLEMISH_2014
from loket.allocation.ranking import class_label
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.testing.factories import make_family, make_request

pytestmark = pytest.mark.django_db


def loket(*args):
    return subprocess.run(
        [sys.executable, "-m", "loket.cli", "allocate", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_round_commits_to_its_seed_before_the_run_and_anyone_can_recompute_the_draw(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    DeskPolicy.objects.create(
        desk=world.desk,
        effective_from=date(2026, 1, 1),
        name="Loting",
        policy={**FLEMISH_2014, "tie_break": "lottery"},
    )
    # Six families of the same group want the one place at A: the lottery decides.
    for day in range(3, 9):
        make_request(make_family(world.desk), locations=[world.location_a], registered_at=at(day), work=True)
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rondes/", {"desk": world.desk.pk, "date": ROUND_DATE.isoformat()})
    round_ = Round.objects.get()
    seed, commitment = round_.lottery_seed, round_.lottery_commitment
    assert len(seed) == 64 and len(commitment) == 64

    page = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert commitment in page and seed not in page
    before = client.get(reverse("allocation:round_instance", args=[round_.pk]))
    assert seed not in before.content.decode()
    published = json.loads(before.content)
    assert published["policy"]["lottery_seed"] is None and published["round"]["commitment"] == commitment
    (tmp_path / "before.json").write_bytes(before.content)
    # Without the seed the draw cannot be made, so nobody can run the lottery before the desk does.
    done = loket(tmp_path / "before.json")
    assert done.returncode == 2 and "not revealed yet" in done.stderr

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{round_.pk}/draaien/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.RUN and round_.seed_revealed_at is not None
    page = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert seed in page and commitment in page

    # The commitment is SHA-256 of the seed and the canonical instance.
    assert hashlib.sha256(seed.encode() + lottery.canonical(published)).hexdigest() == commitment
    after = client.get(reverse("allocation:round_instance", args=[round_.pk]))
    (tmp_path / "after.json").write_bytes(after.content)
    assert json.loads(after.content)["policy"]["lottery_seed"] == seed
    for args in ((tmp_path / "after.json",), (tmp_path / "before.json", "--seed", seed)):
        done = loket(*args)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == round_.result
    winner = next(
        a["request"] for a in round_.result["assignments"] if a["opening"] == f"O{world.opening_a.pk}"
    )
    wanting_a_first = [r["id"] for r in published["requests"] if r["choices"][0] == f"L{world.location_a.pk}"]
    assert winner == min(wanting_a_first, key=lambda rid: lottery.number(seed, rid))

    # Another seed is not the one the round committed to.
    done = loket(tmp_path / "before.json", "--seed", "0" * 64)
    assert done.returncode == 2 and "does not match the commitment" in done.stderr


def test_the_seed_is_not_in_the_management_screens_before_the_run(client, world, django_user_model):
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x" * 20)
    client.force_login(admin)
    page = client.get(f"/beheer/allocation/round/{round_.pk}/change/")
    assert page.status_code == 200
    assert round_.lottery_commitment in page.content.decode()
    assert round_.lottery_seed not in page.content.decode()
    round_run(round=round_, actor=world.worker)
    assert round_.lottery_seed in client.get(f"/beheer/allocation/round/{round_.pk}/change/").content.decode()


def test_one_free_place_and_two_families_the_family_that_lost_learns_nothing_about_the_winner(client, world):
    """A has one place. The winner works, is a single parent with a low income (a higher group, and vulnerable);
    our family only works. Our family's explanation names its own group and the rule, nothing of the winner's."""
    winner = make_request(
        make_family(world.desk),
        locations=[world.location_a],
        registered_at=at(20),
        work=True,
        single_parent=True,
        low_income=True,
    )
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    assigned = {a["request"]: a["opening"] for a in round_.result["assignments"]}
    assert assigned[f"R{winner.pk}"] == f"O{world.opening_a.pk}"
    ours = round_.explanations[f"R{world.request.pk}"]
    (kept,) = ours["choices"][0]["kept_out"]
    assert kept["your_class"] == "work" and kept["competitor_class"] is None
    assert "competitor_reserve_eligible" not in kept and "competitor_took_reserved_place" not in kept
    round_publish(round=round_, actor=world.worker)

    winner_words = [class_label("work_and_group"), class_label("group")]
    for language in ("nl", "en", "fr", "ar"):
        with translation.override(language):
            lines = " ".join(" ".join(item.reasons) for item in explain_request(ours))
            assert lines, language
            assert str(class_label("work")) in lines  # our own group
            for words in winner_words:
                assert str(words) not in lines, (language, lines)
    client.force_login(world.parent)
    page = client.get("/gezin/").content.decode()
    assert "Kinderdagverblijf Alfa" in page
    for words in winner_words:
        with translation.override("nl"):
            assert str(words) not in page
