"""Fire-protection acceptance proactive service (plan 3(5), 4(5))."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import computed_field, create_model

from ..fields import choices, labelled, one_of
from ..text import ManyLines
from .base import ProjectForm
from .party_fields import PartiesReachable, party_fields

MODES = choices(site_guidance=("现场指导", "On-site guidance"), training_meeting=("专题培训会议", "Topic training meeting"),
                expert_panel=("疑难问题专家论证", "Expert panel review of hard problems"), phone=("电话咨询", "Phone advice"))
# The plan's scope (3(5)), in its own words. The two figures (建设规模, 大体建筑面积) are the Fire
# Acceptance Division's to interpret, and the scope ends with "other projects that need it": a
# floor area below the figure never refuses a request, it puts a note before the division.
CATEGORIES = choices(
    key_project=("全市重点项目", "City key project"), major_investment=("重大招商引资项目", "Major investment-attraction project"),
    public_service=("重要公共服务和民生项目", "Important public-service or livelihood project"),
    commercial_complex=("建设规模在10万平方米以上的大型商业综合体", "Large commercial complex with a construction scale of 100,000 m² or more"),
    large_public_building=("大体建筑面积超过8万平方米的公共建筑", "Public building with an approximate floor area of more than 80,000 m²"),
    rail=("轨道工程", "Rail works"), other=("其他有需要的项目", "Another project that needs it"))
_THRESHOLDS = {"commercial-complex": (100_000, True), "large-public-building": (80_000, False)}
_FIGURE = {"commercial-complex": ("建设规模在10万平方米以上", "a construction scale of 100,000 m² or more"),
           "large-public-building": ("大体建筑面积超过8万平方米", "an approximate floor area (大体建筑面积) of more than 80,000 m²")}


# The project's five responsible parties (方案四（五）4), the findings' recipients: fields from
# domain/parties.py's table, after the project's own.
_WithParties = create_model("_WithParties", __base__=(ProjectForm, PartiesReachable), **party_fields())


class FireAcceptanceServiceForm(_WithParties):  # type: ignore[misc, valid-type]
    service: Literal["fire-acceptance-service"]
    modes: list[one_of(MODES)] = labelled(  # type: ignore[valid-type]
        "希望的服务方式", "How you would like help", choices=MODES, min_length=1, max_length=4,
        help_zh="靠前服务免费；发现的问题仅作技术参考，不作为正式验收的问题清单",
        help_en="The service is free; its findings are a technical reference, not the formal acceptance problem list")
    category: one_of(CATEGORIES) = labelled(  # type: ignore[valid-type]
        "项目类别", "Kind of project", choices=CATEGORIES,
        help_zh="方案三（五）的原文；“建设规模”“大体建筑面积”由消防验收处解释。填写的建筑面积与所选类别的数字不符时，申请照常提交，消防验收处会看到提示",
        help_en="In the words of plan 3(5); the Fire Acceptance Division interprets “construction scale” and “approximate "
                "floor area”. If the floor area you enter is below the figure of the kind you choose, the request still "
                "goes in and the division sees a note")
    description: ManyLines | None = labelled("希望重点指导的内容（选填）", "What you would like guidance on (optional)",
                                       default=None, max_length=2000)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def floor_area_note(self) -> dict[str, str] | None:
        """A note for the division (and the applicant) when the floor area entered does not reach
        the figure of the chosen kind: stored with the request, never a reason to refuse it."""
        rule, area = _THRESHOLDS.get(self.category), self.floor_area
        if rule is None:
            return None
        threshold, inclusive = rule
        if area is not None and (area >= threshold if inclusive else area > threshold):
            return None
        figure_zh, figure_en = _FIGURE[self.category]
        given_zh = f"填写的建筑面积为{area:,.0f}平方米" if area is not None else "未填写建筑面积"
        given_en = f"the floor area entered is {area:,.0f} m²" if area is not None else "no floor area was entered"
        return {"zh": f"面积提示：所选项目类别是方案三（五）中{figure_zh}的项目，{given_zh}。"
                      "方案的数字怎样理解，由消防验收处解释；方案三（五）也包括“其他有需要的项目”。"
                      "本申请没有因为面积被拒收，是否提供服务由消防验收处决定。",
                "en": f"Floor-area note: the kind of project chosen is one of plan 3(5) with {figure_en}; {given_en}. "
                      "The Fire Acceptance Division interprets the plan's figures, and plan 3(5) also covers "
                      "“other projects that need it”. The request was not refused for its floor area; the "
                      "division decides whether to serve it."}

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"modes": ["site-guidance", "phone"], "category": "commercial-complex",
                                         "building_use": "commercial", "floor_area": 126000,
                                         "client_org": "沈阳示例置业有限公司", "client_person": "李经理",
                                         "client_mobile": "13900139000", "surveyor_org": "沈阳示例勘察院",
                                         "surveyor_email": "survey@example.com", "designer_org": "沈阳示例设计院",
                                         "designer_email": "design@example.com", "contractor_org": "沈阳示例建工集团",
                                         "contractor_mobile": "13700137000", "contractor_email": "site@example.com",
                                         "supervisor_org": "沈阳示例监理公司", "supervisor_mobile": "13600136000"}
