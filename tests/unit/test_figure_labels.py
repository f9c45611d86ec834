"""The one table of the figures (domain/figure_labels.py): every figure of a figure set has
exactly one entry, every entry names a real figure, both languages say something, the kinds
fit the values, and the public page's figures are figures of a set."""
from collections import Counter

from chalicelib.api.figures_schemas import FigureSetOut, PublicMonthOut
from chalicelib.domain.figure_labels import FIGURES, PUBLIC, figure, leaf_paths, value
from chalicelib.domain.figure_sets import figure_set

# Counters that give every figure a value (rates and averages need a denominator).
FULL = Counter({"received": 4, "accepted": 3, "completed": 2, "fc": 2, "fc_on": 1, "fc_wd": 3, "fc_h1": 2, "ct": 2,
                "ct_on": 2, "ct_wd": 8, "ct_h4": 2, "rounds": 1, "rated": 2, "lv5": 1, "lv2": 1, "acc_first_attempt": 1,
                "acc_later": 1})


def test_every_figure_of_a_set_has_exactly_one_entry_and_every_entry_is_a_figure():
    paths = [f.path for f in FIGURES]
    assert len(paths) == len(set(paths)), "one entry per figure"
    assert sorted(paths) == sorted(leaf_paths(figure_set(FULL, 0)))
    assert sorted(paths) == sorted(leaf_paths(FigureSetOut.model_validate(figure_set(FULL, 0)).model_dump()))


def test_each_entry_has_words_in_both_languages_and_different_ones():
    for fig in FIGURES:
        assert fig.label.zh.strip() and fig.label.en.strip(), fig.path
    assert len({f.label.zh for f in FIGURES}) == len(FIGURES) and len({f.label.en for f in FIGURES}) == len(FIGURES)


def test_the_kinds_fit_the_values():
    s = figure_set(FULL, 0)
    for fig in FIGURES:
        v = value(s, fig.path)
        if fig.kind == "count":
            assert isinstance(v, int), fig.path
        elif fig.kind == "rate":
            assert isinstance(v, float) and 0 <= v <= 1, fig.path
        elif fig.kind == "levels":
            assert isinstance(v, list) and len(v) == 5, fig.path
        else:
            assert isinstance(v, (int, float)), fig.path
    assert figure("completion.on_time_rate").kind == "rate" and figure("completion.p90_working_days").kind == "days"


def test_the_public_figures_are_the_answers_and_figures_of_a_set():
    assert sorted(key for key, _ in PUBLIC) == sorted(f for f in PublicMonthOut.model_fields if f != "month")
    assert all(figure(path) for _, path in PUBLIC)
