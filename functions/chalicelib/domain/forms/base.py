"""What every request carries: who asks and how to reach them, and (for most services) the
project. Service models add their own fields and eligibility rules."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from ..errors import rule_error
from ..kinds import kind_schema, normaliser
from ..text import ManyLines
from ..fields import DISTRICT_CHOICES, AddressText, Honeypot, DistrictId, Email, Mobile, PersonName, ShortText, Uscc, choices, labelled, one_of

BUILDING_USES = choices(
    residential=("住宅", "Residential"), commercial=("商业", "Commercial"), office=("办公", "Office"),
    school=("学校", "School"), hospital=("医院", "Hospital"),
    other_public=("其他公共建筑", "Other public building"), industrial=("工业", "Industrial"),
    municipal=("市政基础设施", "Municipal infrastructure"), rail=("轨道交通", "Rail transit"),
    other=("其他", "Other"))
BuildingUse = one_of(BUILDING_USES)
LongText = Annotated[ManyLines, Field(min_length=5, max_length=2000)]
# A light check only: the code's own check algorithm is not public.
PROJECT_CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z\-]{8,38}[0-9A-Za-z]$"
ProjectCode = Annotated[str, BeforeValidator(normaliser("project-code")),
                        Field(pattern=PROJECT_CODE_PATTERN,  # the schema drops it after a BeforeValidator: said again
                              json_schema_extra={"pattern": PROJECT_CODE_PATTERN, **kind_schema("project-code")})]


def require(condition: bool, zh: str, en: str, field: str | None = None) -> bool:
    """An eligibility rule of the plan: refuse with its reason in both languages."""
    if not condition:
        raise rule_error(zh, en, field)
    return condition


def today_of(info: ValidationInfo) -> date:
    """The date rules are judged against: given by the caller (Beijing time), else today."""
    context = info.context or {}
    return context.get("today") or date.today()


class ServiceForm(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    service: str
    organisation: ShortText = labelled("单位名称", "Organisation", group="applicant", kind="organisation",
                                       help_zh="与营业执照一致", help_en="As on your business licence")
    uscc: Uscc = labelled("统一社会信用代码", "Unified social credit code", group="applicant",
                          help_zh="18位，见营业执照", help_en="18 characters, on your business licence")
    contact_name: PersonName = labelled("联系人", "Contact person", group="applicant", kind="person-name")
    mobile: Mobile = labelled("手机号码", "Mobile number", group="applicant",
                              help_zh="用于接收受理短信", help_en="We send the acknowledgement SMS here")
    email: Email | None = labelled("电子邮箱（选填）", "Email (optional)", group="applicant", default=None)
    # Set by the site when the form was opened from a window's QR code; the API checks the key.
    window: str | None = Field(default=None, max_length=64, pattern=r"^[a-z0-9-]+$",
                               json_schema_extra={"x-hidden": True})
    window_key: str | None = Field(default=None, max_length=64, pattern=r"^[a-z2-7]+$",
                                   json_schema_extra={"x-hidden": True})
    website: Honeypot = ""

    def stage_ids(self) -> tuple[str, ...]:
        """The stage the applicant chose, where the service lets them choose; else ()."""
        stage = getattr(self, "stage", None)
        return (stage,) if stage else ()

    def district_id(self) -> str | None:
        return getattr(self, "district", None)

    def district_takes_part(self) -> bool:
        """Whether the district construction authority hears of this request, as the catalog's
        `district_authority` says; a service whose plan clause names the projects it takes part
        in narrows it (pre-acceptance, plan 4(4)1)."""
        return True

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        """A valid body for the OpenAPI document and the tests (dates relative to `today`)."""
        return {"service": cls.model_fields["service"].annotation.__args__[0],  # type: ignore[union-attr]
                "organisation": "沈阳示例建设有限公司", "uscc": "91210100MA0Y9KQX13",
                "contact_name": "张工", "mobile": "13800138000", "email": "zhang@example.com"}


class ProjectForm(ServiceForm):
    """A request about one construction project."""

    project_name: ShortText = labelled("项目名称", "Project name", group="project")
    project_code: ProjectCode | None = labelled(
        "投资项目代码（选填）", "Investment project code (optional)", group="project", default=None,
        help_zh="立项时取得的代码，如 2023-210112-47-01-000000",
        help_en="The code given when the project was registered, e.g. 2023-210112-47-01-000000")
    address: AddressText | None = labelled("项目地址（选填）", "Project address (optional)", group="project",
                                           default=None, kind="project-address")
    district: DistrictId = labelled("项目所在区县", "District or county of the project", group="project",
                                    choices=DISTRICT_CHOICES)
    building_use: BuildingUse | None = labelled("建筑用途（选填）", "Building use (optional)", group="project",
                                                default=None, choices=BUILDING_USES)
    floor_area: float | None = labelled("建筑面积（平方米，选填）", "Floor area (m², optional)", group="project",
                                        default=None, gt=0, le=10_000_000)

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {
            "project_name": "示例住宅项目一期", "project_code": "2023-210112-47-01-000001",
            "address": "沈阳市浑南区示例路1号", "district": "hunnan",
            "building_use": "residential", "floor_area": 52000}
