"""Officers' reply templates: the data file (content/catalog/reply-templates.yml) is valid, and a
broken one fails naming the template and what is wrong; placeholders are filled in one place
from the request; the workbench gets the templates of the steps allowed now, filled."""
import shutil
from datetime import date

import pytest
import yaml

from chalicelib.catalog import CatalogError, catalog_dir
from chalicelib.catalog.replies import PLACEHOLDERS, load_replies, placeholders_of
from chalicelib.domain.replies import fill, offered, values
from chalicelib.i18n import Text
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer
from tests.unit.test_parties import fire_body

TODAY = date(2026, 11, 30)


def test_the_repositorys_templates_are_valid_and_cover_the_three_steps():
    replies = load_replies()
    assert {t.action for t in replies.templates} == {"reject", "ask_for_info", "complete"}
    assert replies.note.zh and replies.note.en
    for t in replies.templates:
        assert placeholders_of(t.text.zh) == placeholders_of(t.text.en) <= set(PLACEHOLDERS)
    assert any(t.field == "findings" for t in replies.templates)


def broken(tmp_path, change) -> str:
    """The error of the repository's catalog with its reply templates changed by `change`."""
    folder = tmp_path / "catalog"
    shutil.copytree(catalog_dir(), folder)
    path = folder / "reply-templates.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["templates"][0])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_replies(folder)
    return str(info.value)


@pytest.mark.parametrize("change, words", [
    (lambda t: t["text"].update(zh=t["text"]["zh"] + "{mobile}", en=t["text"]["en"] + "{mobile}"),
     "unknown placeholder {mobile}"),
    (lambda t: t.update(services=["no-such-service"]), "unknown service `no-such-service`"),
    (lambda t: t.update(action="approve"), "unknown action `approve`"),
    (lambda t: t.update(field="reason_code"), "has no text field `reason_code`"),
    (lambda t: t["text"].pop("en"), "field `text.en`: Field required"),
    (lambda t: t["label"].update(en=""), "field `label.en`"),
    (lambda t: t["text"].update(en="No placeholders here."), "use different placeholders"),
    (lambda t: t.pop("sample"), "field `sample`: Field required"),
])
def test_a_broken_template_fails_naming_it_and_what_is_wrong(tmp_path, change, words):
    message = broken(tmp_path, change)
    assert "reply-templates.yml" in message and words in message
    assert "reject-not-proactive-service" in message


def test_filling_gives_every_placeholder_and_marks_what_the_request_lacks(deps):
    request = public.submit(consultation(), deps).request  # a consultation has no project name
    given = values(request, deps.catalog, "王处长", TODAY)
    assert given.keys() == PLACEHOLDERS.keys()
    text = fill(Text(zh="{organisation}的{project_name}（{tracking_no}）由{department}{officer}于{today}办理",
                     en="{organisation}, {project_name} ({tracking_no}): {department}, {officer}, {today}"), given)
    assert text.zh == (f"沈阳示例建设有限公司的【项目名称】（{request.tracking_no}）由质量站王处长于2026-11-30办理")
    assert text.en == (f"沈阳示例建设有限公司, [project name] ({request.tracking_no}): "
                       "Construction Quality Supervision Station, 王处长, 2026-11-30")


def test_braces_in_what_the_applicant_wrote_are_kept_as_written(deps):
    request = public.submit(consultation(organisation="示例{tracking_no}公司"), deps).request
    text = fill(Text(zh="{organisation}", en="{organisation}"), values(request, deps.catalog, "x", TODAY))
    assert text.zh == "示例{tracking_no}公司"


def test_the_workbench_gets_the_templates_of_its_service_for_the_steps_allowed_now(deps):
    fire = public.submit(fire_body(), deps).request
    lead = officer(deps, "officer.fire-acceptance-division").viewer()
    ids = {f.template.id for f in offered(fire, lead, load_replies(), deps.catalog, TODAY)}
    # new: reject and ask for information; the archives' template is another service's
    assert {"reject-not-proactive-service", "ask-fire-acceptance-materials"} <= ids
    assert "reject-archive-too-early" not in ids and not any(i.startswith("complete") for i in ids)
    no = fire.tracking_no
    who = officer(deps, "officer.fire-acceptance-division")
    for body in ({"action": "accept"}, {"action": "assign", "assignee": who.username}, {"action": "start"}):
        staff.act(who, no, body, deps)
    served = offered(deps.store.get(no), lead, load_replies(), deps.catalog, TODAY)
    by_id = {f.template.id: f for f in served}
    assert {"complete-summary", "complete-fire-acceptance-summary", "complete-fire-acceptance-findings"} <= set(by_id)
    summary = by_id["complete-fire-acceptance-summary"].text
    assert fire.form["project_name"] in summary.zh and "2026-11-30" in summary.en
    assert offered(deps.store.get(no), officer(deps, "supervisor").viewer(), load_replies(), deps.catalog, TODAY) == []
