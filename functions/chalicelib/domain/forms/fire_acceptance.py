"""Fire-protection acceptance proactive service (plan 3(5), 4(5))."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import model_validator

from ..fields import choices, labelled, one_of
from .base import ProjectForm, require

MODES = choices(site_guidance=("现场指导", "On-site guidance"), training_meeting=("专题培训会议", "Topic training meeting"),
                expert_panel=("疑难问题专家论证", "Expert panel review of hard problems"), phone=("电话咨询", "Phone advice"))
# The plan's scope (3(5)); the two size thresholds are checked against the floor area.
CATEGORIES = choices(
    key_project=("全市重点项目", "City key project"), major_investment=("重大招商引资项目", "Major investment-attraction project"),
    public_service=("重要公共服务和民生项目", "Important public-service or livelihood project"),
    commercial_complex=("10万平方米以上的大型商业综合体", "Large commercial complex of 100,000 m² or more"),
    large_public_building=("建筑面积超过8万平方米的公共建筑", "Public building of more than 80,000 m²"),
    rail=("轨道工程", "Rail works"), other=("其他有需要的项目", "Another project that needs it"))
_THRESHOLDS = {"commercial-complex": (100_000, True), "large-public-building": (80_000, False)}


class FireAcceptanceServiceForm(ProjectForm):
    service: Literal["fire-acceptance-service"]
    modes: list[one_of(MODES)] = labelled(  # type: ignore[valid-type]
        "希望的服务方式", "How you would like help", choices=MODES, min_length=1, max_length=4,
        help_zh="靠前服务免费；发现的问题仅作技术参考，不作为正式验收的问题清单",
        help_en="The service is free; its findings are a technical reference, not the formal acceptance problem list")
    category: one_of(CATEGORIES) = labelled("项目类别", "Kind of project", choices=CATEGORIES)  # type: ignore[valid-type]
    description: str | None = labelled("希望重点指导的内容（选填）", "What you would like guidance on (optional)",
                                       default=None, max_length=2000)

    @model_validator(mode="after")
    def _size_matches_category(self) -> "FireAcceptanceServiceForm":
        rule, area = _THRESHOLDS.get(self.category), self.floor_area
        if rule is None:
            return self
        threshold, inclusive = rule
        big_enough = area is not None and (area >= threshold if inclusive else area > threshold)
        shown = f"{threshold:,}"
        require(big_enough, f"该类别要求建筑面积{'不少于' if inclusive else '超过'}{threshold // 10_000}万平方米；请填写建筑面积，或选择“其他有需要的项目”。",
                f"This kind of project needs a floor area of {'at least' if inclusive else 'more than'} {shown} m²; "
                "enter the floor area, or choose “Another project that needs it”.", field="floor_area")
        return self

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"modes": ["site-guidance", "phone"], "category": "commercial-complex",
                                         "building_use": "commercial", "floor_area": 126000}
