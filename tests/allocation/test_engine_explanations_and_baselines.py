"""Explanations per choice, and the baseline mechanisms on hand-worked cases."""

from loket.allocation.engine import compare, solve

from .builders import assigned, flemish, instance, location, opening, request


def explanation(inst, rid):
    return solve(inst, explain=True)["explanations"][rid]


def test_a_choice_lost_to_a_higher_class_names_the_rule_not_the_family():
    inst = instance(
        [location("A", opening("A1")), location("B", opening("B1"))],
        [
            request("Me", ["A", "B"], registered="2025-01-01T00:00:00"),
            request("Other", ["A"], registered="2026-01-01T00:00:00", flags=["work"]),
        ],
    )
    why = explanation(inst, "Me")
    assert why["assigned"] == "B1"
    first, second = why["choices"]
    assert first["outcome"] == "outranked"
    (kept,) = first["kept_out"]
    assert kept["rule"] == "priority_class"
    assert kept["your_class"] is None and kept["your_position"] == 2 and kept["places"] == 1
    # One family got the place: its class ("work") is a fact about that one family, so it is not told.
    assert kept["competitor_class"] is None and "competitors_sharing" not in kept
    assert "Other" not in str(first) and "work" not in str(first)
    assert second == {"location": "B", "rank": 2, "outcome": "assigned", "opening": "B1"}


def test_one_free_place_and_two_families_tells_the_loser_nothing_about_the_winner():
    """The winner is urgent, works, is a single parent and vulnerable; the reserve is in play. The loser learns
    its own facts and the rule, and not one of the winner's."""
    winner_flags = ["urgent", "work", "single_parent", "low_income", "vulnerable"]
    for reserve in (None, {"target_share": 0.5, "eligible": ["vulnerable"]}):
        inst = instance(
            [location("A", opening("A1"), total=2, eligible=0)],
            [
                request("Loser", ["A"], registered="2025-01-01T00:00:00", flags=["work"]),
                request("Winner", ["A"], registered="2026-06-01T00:00:00", flags=winner_flags),
            ],
            policy=flemish(),
            reserve=reserve,
        )
        why = explanation(inst, "Loser")
        assert why["assigned"] is None
        (kept,) = why["choices"][0]["kept_out"]
        assert kept["your_class"] == "work" and kept["your_reserve_eligible"] is False
        assert kept["competitor_class"] is None
        assert not any(key.startswith("competitor_") and value for key, value in kept.items())
        told = str(why)
        for fact in ("urgent", "single_parent", "low_income", "vulnerable", "Winner"):
            assert fact not in told


def test_a_class_shared_by_five_families_that_came_first_is_named():
    workers = [
        request(f"W{i}", ["A"], registered=f"2026-02-0{i + 1}T00:00:00", flags=["work"]) for i in range(5)
    ]
    me = request("Me", ["A"], registered="2025-01-01T00:00:00")
    five = explanation(instance([location("A", opening("A1", count=5))], [me, *workers]), "Me")
    (kept,) = five["choices"][0]["kept_out"]
    assert kept["rule"] == "priority_class"
    assert kept["competitor_class"] == "work" and kept["competitors_sharing"] == 5
    # Four places: four families share the class, which is too few to name it.
    four = explanation(instance([location("A", opening("A1", count=4))], [me, *workers[:4]]), "Me")
    assert four["choices"][0]["kept_out"][0]["competitor_class"] is None


def test_a_choice_lost_on_the_tie_break():
    inst = instance(
        [location("A", opening("A1"))],
        [request("Me", ["A"], registered="2026-02-01T00:00:00"), request("Other", ["A"])],
    )
    (choice,) = explanation(inst, "Me")["choices"]
    assert choice["kept_out"][0]["rule"] == "tie_break"
    assert choice["kept_out"][0]["tie_break"] == "registered_at"


def test_a_choice_lost_to_the_reserve():
    inst = instance(
        [location("A", opening("A1", count=2), total=8, eligible=1)],
        [
            request("W1", ["A"], registered="2025-01-01T00:00:00", flags=["work"]),
            request("Me", ["A"], registered="2025-02-01T00:00:00", flags=["work"]),
            request("V", ["A"], registered="2026-06-01T00:00:00", flags=["vulnerable"]),
        ],
        reserve={"target_share": 0.2, "eligible": ["vulnerable"]},
    )
    kept = explanation(inst, "Me")["choices"][0]["kept_out"][0]
    assert kept["rule"] == "reserve" and kept["reserved"] == 1
    assert kept["your_reserve_eligible"] is False and kept["competitor_class"] is None


def test_a_place_that_does_not_fit_says_why():
    inst = instance(
        [location("A", opening("A1", weekdays=[1, 2], ages=[18, 36], tariff="free"))],
        [request("Me", ["A"], tariffs=["income"], birth="2026-06-10")],
    )
    (choice,) = explanation(inst, "Me")["choices"]
    assert choice["outcome"] == "no_fitting_place"
    assert choice["misfits"] == [{"opening": "A1", "reasons": ["weekdays", "age", "tariff"]}]


def test_choices_below_the_assignment_are_marked_as_such():
    inst = instance([location("A", opening("A1")), location("B")], [request("Me", ["A", "B"])])
    choices = explanation(inst, "Me")["choices"]
    assert [c["outcome"] for c in choices] == ["assigned", "below_assignment"]


def test_first_come_first_served_ignores_priority_and_ranking():
    inst = instance(
        [location("A", opening("A1", start="2027-02")), location("B", opening("B1", start="2027-04"))],
        [
            request("Early", ["B", "A"], registered="2025-01-01T00:00:00"),
            request("Worker", ["A"], registered="2026-01-01T00:00:00", flags=["work"]),
        ],
    )
    # A starts first and goes to its earliest applicant, Early, who wanted B more; Worker is left out.
    assert assigned(solve(inst, mechanism="fcfs")) == {"Early": "A1"}
    assert assigned(solve(inst)) == {"Early": "B1", "Worker": "A1"}


def test_immediate_acceptance_punishes_a_first_choice_that_fails():
    inst = instance(
        [location("A", opening("A1")), location("B", opening("B1"))],
        [
            request("Strong", ["A"], flags=["urgent"]),
            request("Me", ["A", "B"], registered="2025-01-01T00:00:00", flags=["work"]),
            request("Other", ["B"], registered="2026-06-01T00:00:00"),
        ],
    )
    # Step 1: A takes Strong, B takes Other for good; Me loses A and finds B gone. Deferred acceptance gives Me B.
    assert assigned(solve(inst, mechanism="boston")) == {"Strong": "A1", "Other": "B1"}
    assert assigned(solve(inst)) == {"Strong": "A1", "Me": "B1"}


def test_compare_counts_blocking_pairs_only_outside_the_contract():
    inst = instance(
        [location("A", opening("A1")), location("B", opening("B1"))],
        [
            request("Strong", ["A"], flags=["urgent"]),
            request("Me", ["A", "B"], registered="2025-01-01T00:00:00", flags=["work"]),
            request("Other", ["B"], registered="2026-06-01T00:00:00"),
        ],
    )
    rows = {row["mechanism"]: row for row in compare(inst)}
    assert rows["da"]["blocking_pairs"] == 0
    assert rows["boston"]["blocking_pairs"] == 1  # Me and B1
    assert rows["da"]["placed"] == rows["boston"]["placed"] == 2


def test_the_worked_example_in_the_docs_still_holds():
    import json
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "allocation-worked-example.json"
    result = solve(json.loads(example.read_text()), explain=True)
    assert assigned(result) == {
        "Amira": "Speelboom-maart",
        "Bart": "Speelboom-maart",
        "Dirk": "Kabouterhuis-april",
    }
    speelboom, kabouterhuis = result["explanations"]["Chloe"]["choices"]
    assert speelboom["kept_out"][0]["rule"] == "reserve" and speelboom["kept_out"][0]["your_position"] == 2
    assert kabouterhuis["kept_out"][0]["rule"] == "tie_break"
    assert kabouterhuis["kept_out"][0]["your_class"] == "work"
    assert (
        kabouterhuis["kept_out"][0]["competitor_class"] is None
    )  # one family got the place: nothing about it
    rows = {row["mechanism"]: row for row in compare(json.loads(example.read_text()))}
    assert rows["fcfs"]["blocking_pairs"] == 1
    assert assigned(solve(json.loads(example.read_text()), mechanism="fcfs"))["Chloe"] == "Speelboom-maart"
