"""The editors' data files: the real ones are valid, and a broken one fails naming file and field."""
from __future__ import annotations

import shutil

import pytest
import yaml

from chalicelib.catalog import load_catalog
from content_data import ContentError, load_content
from tests.site.conftest import CONTENT


@pytest.fixture
def data_dir(tmp_path):
    """A copy of content/data an individual test may break."""
    target = tmp_path / "data"
    shutil.copytree(CONTENT / "data", target)
    return target


def _edit(path, change):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def _load(data_dir):
    return load_content(data_dir, load_catalog())


def test_the_real_data_files_are_valid_and_complete(content_data):
    catalog = load_catalog()
    assert {c.department for c in content_data.contacts} >= {d.id for d in catalog.departments}
    assert len([c for c in content_data.contacts if c.department.startswith("district-authority-")]) == 13
    assert {t.kind for t in content_data.trainings} == {"archive-training", "quality-training",
                                                         "fire-topic-meeting", "afternoon-tea"}
    assert {f.stage for f in content_data.faq} == {s.id for s in catalog.stages}
    # The Archives publish separate contacts for building works and municipal works (plan 4(6)2).
    assert len(content_data.contacts_of("urban-construction-archives")) == 2
    assert any(c.always_open and c.department == "fire-design-division" for c in content_data.contacts)  # the steward
    # The weekend window is at 市营商局 (plan 4(1)5), none of the catalog's departments: no contact lists it.
    assert "市营商局" in catalog.window("weekend-window").location.zh
    assert not any(c.window == "weekend-window" for c in content_data.contacts)


def test_samples_are_marked_and_sample_numbers_cannot_ring(content_data):
    for c in content_data.contacts:
        if c.phone.startswith("024-0000-"):
            assert c.is_sample("phone"), c.id
    assert all(t.sample for t in content_data.trainings), "the plan gives no dates: all are samples"


def test_a_sample_number_left_in_a_real_entry_is_refused(data_dir):
    _edit(data_dir / "contacts.yml", lambda raw: raw["contacts"][0].update(sample=False))
    with pytest.raises(ContentError, match=r"contacts.yml: contacts\[0\] \(id fire-design-division\): "
                                           r"`phone` is still a sample number"):
        _load(data_dir)


def test_a_bad_phone_names_file_entry_and_field(data_dir):
    _edit(data_dir / "contacts.yml", lambda raw: raw["contacts"][3].update(phone="call us"))
    with pytest.raises(ContentError, match=r"contacts.yml: contacts\[3\] \(id quality-station\): field `phone`"):
        _load(data_dir)


def test_an_unknown_department_or_stage_is_named(data_dir):
    _edit(data_dir / "trainings.yml", lambda raw: raw["trainings"][0].update(organiser="no-such-division"))
    with pytest.raises(ContentError, match="trainings.yml: entry `afternoon-tea-2027-02`: field `organiser` "
                                           "names unknown id `no-such-division`"):
        _load(data_dir)


def test_every_department_needs_a_contact(data_dir):
    _edit(data_dir / "contacts.yml",
          lambda raw: raw.update(contacts=[c for c in raw["contacts"] if c["department"] != "district-authority-faku"]))
    with pytest.raises(ContentError, match="no contact for department.*district-authority-faku"):
        _load(data_dir)


@pytest.mark.parametrize("change, message", [
    (dict(start="2027-09-01T09:00", end="2027-09-01T10:00"), "archive trainings take place from March to June"),
    (dict(end="2027-03-24T08:00"), "`end` must be after `start`"),
    (dict(end="2027-03-25T10:00"), "same day"),
    (dict(start="2027-03-24T09:00+08:00"), "without a UTC offset"),
    (dict(kind="webinar"), "field `kind`"),
    (dict(stages=[]), "field `stages`"),
])
def test_training_rules(data_dir, change, message):
    def apply(raw):
        archive = next(t for t in raw["trainings"] if t["kind"] == "archive-training")
        archive.update(change)
    _edit(data_dir / "trainings.yml", apply)
    with pytest.raises(ContentError, match=message):
        _load(data_dir)


def test_duplicate_ids_and_unknown_keys_are_refused(data_dir):
    _edit(data_dir / "faq.yml", lambda raw: raw["entries"].append(dict(raw["entries"][0])))
    with pytest.raises(ContentError, match="faq.yml: id `fire-design-steward-who` appears twice"):
        _load(data_dir)
    shutil.copy(CONTENT / "data" / "faq.yml", data_dir / "faq.yml")
    _edit(data_dir / "faq.yml", lambda raw: raw["entries"][1].update(anwser={"zh": "x", "en": "y"}))
    with pytest.raises(ContentError, match=r"faq.yml: entries\[1\] \(id [a-z-]+\): field `anwser`: Extra inputs"):
        _load(data_dir)


def test_a_missing_translation_in_data_is_refused(data_dir):
    _edit(data_dir / "faq.yml", lambda raw: raw["entries"][2]["answer"].pop("en"))
    with pytest.raises(ContentError, match=r"entries\[2\] .*field `answer.en`: Field required"):
        _load(data_dir)


@pytest.mark.parametrize("change, message", [
    ({"deadline": "2027-03-25T09:00"}, "the registration `deadline` must be before `start`"),
    ({"capacity": 0}, r"field `registration.capacity`: Input should be greater than or equal to 1"),
    ({"max_seats_per_organisation": 31}, "`max_seats_per_organisation` cannot be more than `capacity`"),
    ({"open": "maybe"}, r"field `registration.open`"),
])
def test_broken_registration_terms_are_named(data_dir, change, message):
    def edit(raw):
        entry = next(t for t in raw["trainings"] if t["id"] == "archive-training-2027-03")
        entry["registration"] = {**entry["registration"], **change}
    _edit(data_dir / "trainings.yml", edit)
    with pytest.raises(ContentError, match=r"trainings.yml: trainings\[2\] \(id archive-training-2027-03\): .*" + message):
        _load(data_dir)


def test_registration_terms_are_sample_values_and_open_sessions_take_registrations(content_data):
    terms = {t.id: t.registration for t in content_data.trainings}
    assert all(r.sample for r in terms.values() if r), "the plan sets no capacity or deadline: all are samples"
    assert any(r and r.open for r in terms.values()) and any(r and not r.open for r in terms.values())
    assert terms["archive-training-2027-04"] is None  # training on a project's site: no registration here
    assert all(r.deadline < t.start for t in content_data.trainings if (r := t.registration))
