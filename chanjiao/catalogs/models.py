"""National reference catalogues.

Each concept keeps a permanent internal id (its primary key). Official codes are attributes,
because revisions rename and recode: a row carries the catalogue version it comes from and a
``replaced_by`` link, and is retired (``is_active=False``), never deleted.
"""

from django.db import models

from chanjiao.common.models import TimeStampedModel


class CatalogConcept(TimeStampedModel):
    """Fields every catalogue concept has."""

    code = models.CharField("代码", max_length=20, db_index=True)
    name = models.CharField("名称", max_length=200, db_index=True)
    catalog_version = models.CharField("目录版本", max_length=40, db_index=True)
    is_active = models.BooleanField("现行有效", default=True)
    source = models.CharField("来源", max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MajorSystem(models.TextChoices):
    VOCATIONAL = "vocational", "职业教育专业目录"
    UNDERGRADUATE = "undergraduate", "普通高等学校本科专业目录"


class MajorLevel(models.TextChoices):
    SECONDARY = "中职", "中等职业教育"
    HIGHER = "高职专科", "高等职业教育专科"
    BACHELOR_VOCATIONAL = "职业本科", "高等职业教育本科"
    UNDERGRADUATE = "普通本科", "普通高等学校本科"


class MajorGroupType(models.TextChoices):
    CATEGORY = "专业大类", "专业大类"
    CLASS = "专业类", "专业类"
    DISCIPLINE = "学科门类", "学科门类"


class MajorGroup(CatalogConcept):
    """专业大类 / 专业类 (vocational) and 学科门类 / 专业类 (undergraduate)."""

    system = models.CharField("目录体系", max_length=20, choices=MajorSystem.choices)
    level = models.CharField("层次", max_length=10, choices=MajorLevel.choices)
    node_type = models.CharField("节点类型", max_length=10, choices=MajorGroupType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "专业大类/专业类"
        verbose_name_plural = verbose_name
        ordering = ["system", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "level", "catalog_version", "code"], name="majorgroup_unique_code"
            )
        ]


class Major(CatalogConcept):
    """A major (专业) in the vocational or undergraduate catalogue."""

    system = models.CharField("目录体系", max_length=20, choices=MajorSystem.choices)
    level = models.CharField("层次", max_length=10, choices=MajorLevel.choices, db_index=True)
    category = models.ForeignKey(
        MajorGroup,
        verbose_name="专业大类/学科门类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="category_majors",
    )
    major_class = models.ForeignKey(
        MajorGroup,
        verbose_name="专业类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="class_majors",
    )
    is_national_control = models.BooleanField("国家控制布点专业", default=False)
    is_special = models.BooleanField("特设专业", default=False)
    note = models.TextField("说明", blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="被替代为",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    graduate_scale = models.CharField("全国毕业生规模（阳光高考）", max_length=40, blank=True)
    career_directions = models.TextField("就业方向（阳光高考）", blank=True)
    summary = models.TextField("专业介绍", blank=True)

    class Meta:
        verbose_name = "专业"
        verbose_name_plural = verbose_name
        ordering = ["system", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "catalog_version", "code"], name="major_unique_code"
            )
        ]


class Industry(CatalogConcept):
    """国民经济行业分类 GB/T 4754-2017: 门类, 大类, 中类, 小类."""

    class Level(models.TextChoices):
        SECTION = "门类", "门类"
        DIVISION = "大类", "大类"
        GROUP = "中类", "中类"
        CLASS = "小类", "小类"

    level = models.CharField("层级", max_length=4, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    section = models.CharField("门类", max_length=1, db_index=True)
    description = models.TextField("说明", blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="被替代为",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )

    class Meta:
        verbose_name = "国民经济行业"
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["catalog_version", "code"], name="industry_unique_code")
        ]


class Occupation(CatalogConcept):
    """职业分类大典 2022: 大类, 中类, 小类, 细类 (职业)."""

    class Level(models.TextChoices):
        MAJOR_GROUP = "大类", "大类"
        SUB_MAJOR_GROUP = "中类", "中类"
        MINOR_GROUP = "小类", "小类"
        OCCUPATION = "细类", "细类（职业）"

    level = models.CharField("层级", max_length=4, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_green = models.BooleanField("绿色职业", default=False)
    is_digital = models.BooleanField("数字职业", default=False)
    definition = models.TextField("职业定义", blank=True)
    main_tasks = models.TextField("主要工作任务", blank=True)
    aliases = models.TextField("常用名称（非官方）", blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="被替代为",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )

    class Meta:
        verbose_name = "职业"
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog_version", "code"], name="occupation_unique_code"
            )
        ]


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, region: "Region") -> "RegionQuerySet":
        """Return the region and every region below it (codes share its prefix)."""
        return self.filter(code__startswith=region.code)


class Region(CatalogConcept):
    """统计用区划代码: 省, 市 (地级), 县 (县级); codes nest by prefix (45 → 4504 → 450403)."""

    class Level(models.TextChoices):
        PROVINCE = "省级", "省级"
        CITY = "地级", "地级"
        COUNTY = "县级", "县级"

    level = models.CharField("层级", max_length=4, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    full_name = models.CharField("全称", max_length=200, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["catalog_version", "code"], name="region_unique_code")
        ]

    def contains(self, other: "Region | None") -> bool:
        """Tell whether ``other`` is this region or lies inside it."""
        return other is not None and other.code.startswith(self.code)


class LinkEvidence(models.TextChoices):
    TEACHING_STANDARD = "teaching_standard", "专业教学标准"
    INFERRED = "inferred", "推断"
    CURATED = "curated", "人工维护"


class MajorOccupationLink(TimeStampedModel):
    """A major prepares for an occupation, with the evidence for the link."""

    major = models.ForeignKey(
        Major, verbose_name="专业", on_delete=models.PROTECT, related_name="occupation_links"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name="职业", on_delete=models.PROTECT, related_name="major_links"
    )
    evidence_type = models.CharField(
        "依据类型", max_length=20, choices=LinkEvidence.choices, db_index=True
    )
    evidence = models.TextField("依据", blank=True)
    code_as_printed = models.CharField("标准原文代码", max_length=20, blank=True)
    is_expanded_from_minor_group = models.BooleanField("由小类代码展开（证据较弱）", default=False)
    confidence = models.FloatField("置信度", default=1.0)
    is_active = models.BooleanField("现行有效", default=True)

    class Meta:
        verbose_name = "专业—职业对应"
        verbose_name_plural = verbose_name
        ordering = ["major_id", "occupation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["major", "occupation", "evidence_type"], name="majoroccupationlink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.major} → {self.occupation}"


class MajorProfile(TimeStampedModel):
    """A vocational major's text in 教育部《职业教育专业简介（2022年修订）》.

    ``orientation`` (职业面向) names the occupations by their 大典 names and the 岗位（群）;
    ``abilities`` (主要专业能力要求), ``courses`` and ``certificates`` feed the skill vocabulary.
    """

    major = models.OneToOneField(
        Major, verbose_name="专业", on_delete=models.PROTECT, related_name="profile"
    )
    orientation = models.TextField("职业面向", blank=True)
    objective = models.TextField("培养目标定位", blank=True)
    abilities = models.TextField("主要专业能力要求", blank=True)
    courses = models.TextField("主要专业课程与实习实训", blank=True)
    certificates = models.TextField("职业类证书举例", blank=True)
    continuing = models.TextField("接续专业举例", blank=True)
    is_truncated = models.BooleanField("原文部分缺失", default=False)
    source = models.CharField("来源", max_length=200, blank=True)
    is_active = models.BooleanField("现行有效", default=True)

    class Meta:
        verbose_name = "专业简介"
        verbose_name_plural = verbose_name
        ordering = ["major_id"]

    def __str__(self) -> str:
        return f"{self.major} 专业简介"


class CatalogLoad(TimeStampedModel):
    """One run of ``load_catalogs`` for one catalogue: what was read and what changed."""

    catalog = models.CharField("目录", max_length=60)
    source_file = models.CharField("源文件", max_length=200)
    checksum = models.CharField("文件校验值（SHA-256）", max_length=64)
    rows_read = models.PositiveIntegerField("读取行数")
    created = models.PositiveIntegerField("新增")
    updated = models.PositiveIntegerField("更新")
    retired = models.PositiveIntegerField("停用")

    class Meta:
        verbose_name = "目录导入记录"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.catalog} @ {self.created_at:%Y-%m-%d %H:%M}"
