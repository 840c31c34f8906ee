"""Serializers of the crosswalk API."""

from rest_framework import serializers

from chanjiao.common.api_fields import IdField


class ClassifyFilterSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=200,
        error_messages={
            "blank": "请填写职位标题（title）。",
            "required": "请填写职位标题（title）。",
        },
    )
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class OccupationCandidateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()


class OccupationGuessSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="大典代码；无法判断时为空")
    name = serializers.CharField()
    level = serializers.CharField(help_text="细类 或 小类（把握不足时退到小类）")
    confidence = serializers.FloatField(help_text="0–1")
    candidates = OccupationCandidateSerializer(many=True, help_text="前 5 个候选细类")
    classifier_version = serializers.CharField()


class CrosswalkOccupationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class CrosswalkMajorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class CrosswalkIndustryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class CrosswalkOfficialLinkSerializer(serializers.Serializer):
    evidence = serializers.SerializerMethodField()
    note = serializers.CharField(source="evidence")
    is_expanded_from_minor_group = serializers.BooleanField()

    def get_evidence(self, obj: object) -> str:
        return "official"


class CrosswalkPlatformLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    evidence = serializers.CharField()
    status = serializers.CharField()
    confidence = serializers.FloatField()
    note = serializers.CharField()
    updated_at = serializers.DateTimeField()


class MajorOfficialOccupationSerializer(CrosswalkOfficialLinkSerializer):
    occupation = CrosswalkOccupationRefSerializer()


class MajorPlatformOccupationSerializer(CrosswalkPlatformLinkSerializer):
    occupation = CrosswalkOccupationRefSerializer()


class OccupationOfficialMajorSerializer(CrosswalkOfficialLinkSerializer):
    major = CrosswalkMajorRefSerializer()


class OccupationPlatformMajorSerializer(CrosswalkPlatformLinkSerializer):
    major = CrosswalkMajorRefSerializer()


class IndustryLinkOutputSerializer(CrosswalkPlatformLinkSerializer):
    industry = CrosswalkIndustryRefSerializer()
    post_count = serializers.IntegerField()


class MajorCrosswalkOutputSerializer(serializers.Serializer):
    major = CrosswalkMajorRefSerializer()
    official = MajorOfficialOccupationSerializer(many=True)
    curated = MajorPlatformOccupationSerializer(many=True)
    inferred = MajorPlatformOccupationSerializer(many=True)


class OccupationCrosswalkOutputSerializer(serializers.Serializer):
    occupation = CrosswalkOccupationRefSerializer()
    official = OccupationOfficialMajorSerializer(many=True)
    platform = OccupationPlatformMajorSerializer(many=True)
    industries = IndustryLinkOutputSerializer(many=True)


class MajorLinkInputSerializer(serializers.Serializer):
    major_id = IdField()
    occupation_code = serializers.CharField(max_length=20)
    note = serializers.CharField(
        max_length=2000,
        error_messages={
            "blank": "请填写依据说明（note）。",
            "required": "请填写依据说明（note）。",
        },
    )


class IndustryLinkInputSerializer(serializers.Serializer):
    occupation_code = serializers.CharField(max_length=20)
    industry_code = serializers.CharField(max_length=20)
    note = serializers.CharField(
        max_length=2000,
        error_messages={
            "blank": "请填写依据说明（note）。",
            "required": "请填写依据说明（note）。",
        },
    )


class CrosswalkNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ListingOccupationCorrectInputSerializer(serializers.Serializer):
    occupation = serializers.CharField(
        max_length=100,
        error_messages={
            "blank": "请填写职业（occupation）：细类代码或名称。",
            "required": "请填写职业（occupation）：细类代码或名称。",
        },
    )


class ListingOccupationCorrectOutputSerializer(serializers.Serializer):
    listing_id = serializers.IntegerField()
    occupation_code = serializers.CharField()
    occupation_name = serializers.CharField()
    occupation_source = serializers.CharField()
    label_source = serializers.CharField()
