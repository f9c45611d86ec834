"""The catalog: complete, bilingual, internally consistent, and loud when broken."""
import re
import shutil

import pytest
from pydantic import BaseModel

from chalicelib.catalog import CatalogError, catalog_dir, load_catalog
from chalicelib.domain.forms import FORMS
from chalicelib.domain.routing import route
from chalicelib.i18n import Text

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_catalog_has_the_plans_six_stages_nineteen_departments_twelve_services(catalog):
    assert [s.id for s in catalog.stages] == ["fire-design-review", "construction-permit",
                                              "quality-supervision", "quality-acceptance",
                                              "fire-acceptance", "archive-acceptance"]
    assert len([d for d in catalog.departments if d.kind == "division"]) == 6
    assert len(catalog.districts) == 13
    assert len(catalog.services) == 12
    assert all(w.sample for w in catalog.windows), "windows are sample data until confirmed"


def _texts(obj):
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _texts(item)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name))


def test_every_name_exists_in_both_languages(catalog):
    texts = list(_texts(catalog))
    assert len(texts) > 80
    for text in texts:
        assert CJK.search(text.zh), f"Chinese text without Chinese: {text.zh!r}"
        assert not CJK.search(text.en), f"English text with Chinese characters: {text.en!r}"


def _sample_form(service_id: str, stage: str, district: str):
    """A stand-in for a validated form: the routing needs only these three answers."""
    class Form:
        service = service_id

        def stage_ids(self):
            return (stage,)

        def district_id(self):
            return district

        def district_takes_part(self):
            return True
    return Form()


def test_every_service_routes_to_existing_departments_for_every_stage_and_district(catalog):
    known = {d.id for d in catalog.departments}
    for service in catalog.services:
        for stage in catalog.stages_of(service):
            for district in [None, *(d.district for d in catalog.districts)]:
                r = route(catalog, _sample_form(service.id, stage.id, district))
                assert r.lead, f"{service.id} has no lead department at {stage.id}"
                assert set(r.lead) | set(r.cc) <= known
                assert not set(r.lead) & set(r.cc)


def test_the_district_takes_part_in_a_pre_acceptance_only_where_the_quality_supervisors_do(catalog):
    """Plan 4(4)1: 需要质量监督人员参与的项目，属地建设行政主管部门要积极参与预验收工作."""
    from datetime import date

    from chalicelib.service_layer.public import validate

    today = date(2026, 11, 30)
    body = FORMS["pre-acceptance"].example(today) | {"district": "tiexi"}
    with_supervisors = route(catalog, validate(body | {"supervisors_take_part": True}, today))
    assert with_supervisors.lead == ("quality-station", "district-authority-tiexi")
    alone = route(catalog, validate(body | {"supervisors_take_part": False}, today))
    assert alone.lead == ("quality-station",) and alone.cc == ()
    unsaid = {k: v for k, v in body.items() if k != "supervisors_take_part"}
    assert route(catalog, validate(unsaid, today)).lead == ("quality-station",)


def test_every_form_belongs_to_a_catalog_service(catalog):
    assert set(FORMS) <= {s.id for s in catalog.services}


@pytest.fixture
def broken_copy(tmp_path):
    """A writable copy of the catalog directory to break in a test."""
    target = tmp_path / "catalog"
    shutil.copytree(catalog_dir(), target)
    return target


def _rewrite(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test no longer breaks anything"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_translation_names_the_file_and_the_field(broken_copy):
    _rewrite(broken_copy / "services.yml", "en: Project steward", "en: ''")
    with pytest.raises(CatalogError, match=r"services\.yml: services\[0\] \(id project-steward\): field `name\.en`"):
        load_catalog(broken_copy)


def test_an_unknown_department_reference_names_the_file_and_the_field(broken_copy):
    _rewrite(broken_copy / "stages.yml", "lead_departments: [fire-acceptance-division]",
             "lead_departments: [fire-brigade]")
    with pytest.raises(CatalogError, match=r"stages\.yml: entry `fire-acceptance`: field `lead_departments` names unknown id `fire-brigade`"):
        load_catalog(broken_copy)


def test_an_unknown_field_is_refused(broken_copy):
    _rewrite(broken_copy / "windows.yml", "    sample: true", "    sample: true\n    colour: red")
    with pytest.raises(CatalogError, match=r"windows\.yml: windows\[0\] \(id permit-window\): field `colour`"):
        load_catalog(broken_copy)


def test_the_api_reads_the_editors_trainings_through_the_catalog(catalog):
    from chalicelib.catalog.trainings import load_trainings

    trainings = load_trainings()
    assert trainings and [t.start for t in trainings] == sorted(t.start for t in trainings)
    assert {t.organiser for t in trainings} <= {d.id for d in catalog.departments}


def test_a_training_with_an_unknown_organiser_is_refused_naming_it(tmp_path):
    from chalicelib.catalog.trainings import _REPO_FILE, load_trainings

    broken = tmp_path / "trainings.yml"
    broken.write_text(_REPO_FILE.read_text(encoding="utf-8").replace("organiser: quality-station",
                                                                      "organiser: no-such-office", 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="trainings.yml: entry `.*`: field `organiser` names unknown id `no-such-office`"):
        load_trainings(broken)


def test_the_district_authority_takes_the_part_its_service_gives_it(catalog):
    """lead, cc or none, as services.yml says; for a service of every stage (consultation) only
    where the chosen stage links city and district."""
    from datetime import date

    from chalicelib.domain.forms import FORMS
    from chalicelib.domain.routing import route
    from chalicelib.service_layer.public import validate

    today, authority = date(2026, 11, 30), "district-authority-hunnan"
    seen = set()
    for service in catalog.services:
        model = FORMS[service.id]
        body = model.example(today) | ({"district": "hunnan"} if "district" in model.model_fields else {})
        stages = [s.id for s in catalog.stages] if service.stages == "any" else [None]
        for stage in stages:
            got = route(catalog, validate(body | ({"stage": stage} if stage else {}), today))
            linked = stage is None or catalog.stage(stage).district_linkage
            part = service.district_authority if linked else "none"
            where = "lead" if authority in got.lead else "cc" if authority in got.cc else "none"
            assert where == part, (service.id, stage, got)
            seen.add(part)
    assert seen == {"lead", "cc", "none"}
