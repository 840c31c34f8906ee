"""The demonstration data set for one locality and seed, built in memory before any write.

Everything random comes from one ``random.Random(seed)`` consumed in a fixed order over
catalogue rows read in code order, so the same locality, seed and database give the same plan.
"""

import random
import re

from chanjiao.catalogs.models import Industry, Region
from chanjiao.demo.services.context import DemoPlan, KeyIndustry, PlanContext
from chanjiao.demo.services.majors import area_industries, level_pools
from chanjiao.demo.services.plan_organizations import organizations_plan
from chanjiao.demo.services.plan_people import people_plan
from chanjiao.demo.services.samples import company_brands, place_short_names
from chanjiao.demo.services.scope import locality_short_name
from chanjiao.localities.models import Locality


def demo_plan_build(
    *,
    locality: Locality,
    seed: int,
    taken_names: set[str],
    taken_credit_codes: set[str],
    username_prefix: str = "demo_",
) -> DemoPlan:
    """Plan the demonstration organisations and people for a locality; write nothing.

    ``taken_names`` and ``taken_credit_codes`` belong to real organisations and are avoided.
    """
    rng = random.Random(seed)
    context = _context(locality, rng, taken_names)
    context.credit_codes |= taken_credit_codes
    context.username_prefix = username_prefix
    organizations = organizations_plan(context, rng)
    return DemoPlan(organizations=organizations, people=people_plan(context, rng, organizations))


def _context(locality: Locality, rng: random.Random, taken_names: set[str]) -> PlanContext:
    all_industries = list(Industry.objects.filter(is_active=True).order_by("code"))
    key_industries = []
    for key in locality.key_industries.order_by("pk").prefetch_related("industries"):
        chosen = sorted(key.industries.all(), key=lambda i: i.code)
        area = [i for industry in chosen for i in area_industries(industry, all_industries)]
        leaves = [i for i in area if i.level == Industry.Level.CLASS]
        if leaves:
            key_industries.append(
                KeyIndustry(label=key.label, word=_industry_word(key.label), leaves=leaves)
            )
    region = locality.region
    districts = list(
        Region.objects.filter(code__startswith=region.code, level=Region.Level.COUNTY)
        .exclude(name="市辖区")
        .order_by("code")
    ) or [region]
    region_names = list(Region.objects.order_by("code").values_list("name", flat=True))
    sample_brands = company_brands(place_names=place_short_names(region_names))
    brands = {category: list(items) for category, items in sample_brands.items()}
    for items in brands.values():
        rng.shuffle(items)
    rng.shuffle(key_industries)
    pools = level_pools(key_industries=[(k.label, k.leaves) for k in key_industries])
    return PlanContext(
        locality=locality,
        short_name=locality_short_name(locality.name),
        districts=districts,
        key_industries=key_industries,
        pools=pools,
        brands=brands,
        industries={i.code: i for i in all_industries},
        taken_names=set(taken_names),
    )


def _industry_word(label: str) -> str:
    """The key industry as a company-name word: 六堡茶产业 → 六堡茶, 先进制造业 → 先进制造."""
    word = re.sub(r"(产业|行业)$", "", re.sub(r"制造业$", "制造", label))
    return word if len(word) <= 6 and not re.search(r"[、及和与]", word) else "实业"
