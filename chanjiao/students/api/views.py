"""The students API: sign-up with a claim, the person's own claim, the school's decisions."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.registration import AccountInput
from chanjiao.common.api_fields import IdField
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.students.api.serializers import (
    StudentClaimInputSerializer,
    StudentClaimOutputSerializer,
    StudentRegisterInputSerializer,
    StudentRegisterOutputSerializer,
    StudentSchoolOptionSerializer,
    StudentStaffClaimOutputSerializer,
)
from chanjiao.students.importing import student_roster_import
from chanjiao.students.models import ClaimState, StudentClaim
from chanjiao.students.permissions import schools_user_acts_for
from chanjiao.students.selectors import (
    name_key,
    school_get,
    school_major_options,
    school_options,
    student_claim_for_user,
    student_claim_get,
    student_claim_list,
)
from chanjiao.students.services import (
    student_claim_confirm,
    student_claim_file,
    student_claim_resubmit,
    student_claim_return,
    student_claim_values_clean,
    student_claim_withdraw,
    student_claims_confirm,
    student_register,
    student_register_values_clean,
)

NO_CLAIM = "您还没有提交学校确认申请。"
ACCOUNT_FIELDS = ("username", "password", "email", "real_name", "phone")


def _claim_data(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in ACCOUNT_FIELDS}


def _own_claim(request: Request) -> StudentClaim:
    claim = student_claim_for_user(acting_user(request))
    if claim is None:
        raise NotFoundError(NO_CLAIM)
    return claim


def _claim_response(request: Request, claim: StudentClaim, *, code: int = 200) -> Response:
    return Response(
        StudentClaimOutputSerializer(claim, context={"request": request}).data, status=code
    )


class StudentRegisterApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=StudentRegisterInputSerializer,
        responses={201: StudentRegisterOutputSerializer},
        summary="学生/毕业生注册并申请学校确认",
    )
    def post(self, request: Request) -> Response:
        serializer = StudentRegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        account = AccountInput(**{key: data.get(key, "") for key in ACCOUNT_FIELDS})
        values = student_register_values_clean(account=account, claim_data=_claim_data(data))
        claim = student_register(account=account, values=values)
        output = StudentRegisterOutputSerializer(claim, context={"request": request})
        return Response(output.data, status=status.HTTP_201_CREATED)


class SchoolOptionListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=StudentSchoolOptionSerializer(many=True), summary="可选择的学校")
    def get(self, request: Request) -> Response:
        query = name_key(request.query_params.get("q", ""))
        options = [o for o in school_options() if not query or query in name_key(o.label)]
        return Response(StudentSchoolOptionSerializer(options[:200], many=True).data)


class SchoolMajorOptionListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "StudentMajorOption",
            {"id": serializers.IntegerField(), "name": serializers.CharField()},
        ),
        summary="学校可选择的专业（按名称）",
    )
    def get(self, request: Request, school_id: int) -> Response:
        majors = school_major_options(school_get(school_id=school_id))
        return Response([{"id": major.pk, "name": major.name} for major in majors])


NO_CLAIM_RESPONSE = OpenApiResponse(description="还没有提交学校确认申请")


class MyClaimApi(APIView):
    @extend_schema(
        responses={200: StudentClaimOutputSerializer, 404: NO_CLAIM_RESPONSE},
        summary="我的学校确认申请",
    )
    def get(self, request: Request) -> Response:
        return _claim_response(request, _own_claim(request))

    @extend_schema(
        request=StudentClaimInputSerializer,
        responses={201: StudentClaimOutputSerializer},
        summary="提交学校确认申请（已有账号）",
    )
    def post(self, request: Request) -> Response:
        serializer = StudentClaimInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = student_claim_values_clean(serializer.validated_data)
        claim = student_claim_file(actor=acting_user(request), values=values)
        return _claim_response(request, claim, code=status.HTTP_201_CREATED)


class MyClaimWithdrawApi(APIView):
    @extend_schema(
        request=None,
        responses={200: StudentClaimOutputSerializer, 404: NO_CLAIM_RESPONSE},
        summary="撤回我的申请",
    )
    def post(self, request: Request) -> Response:
        claim = student_claim_withdraw(actor=acting_user(request), claim=_own_claim(request))
        return _claim_response(request, claim)


class MyClaimResubmitApi(APIView):
    @extend_schema(
        request=StudentClaimInputSerializer,
        responses=StudentClaimOutputSerializer,
        summary="修改被退回的申请并重新提交",
    )
    def post(self, request: Request) -> Response:
        claim = _own_claim(request)
        serializer = StudentClaimInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = student_claim_values_clean(serializer.validated_data)
        claim = student_claim_resubmit(actor=acting_user(request), claim=claim, values=values)
        return _claim_response(request, claim)


class ClaimListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(serializers.Serializer):
        school = IdField(required=False)
        major = IdField(required=False, help_text="专业编号")
        year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
        state = serializers.ChoiceField(
            choices=ClaimState.choices,
            required=False,
            default=ClaimState.PENDING,
            error_messages={"invalid_choice": "状态 {input} 无效。"},
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses=StudentStaffClaimOutputSerializer(many=True),
        summary="本校学生的确认申请（待确认的最早在前）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        claims = student_claim_list(
            fetched_by=acting_user(request),
            school_id=data.get("school"),
            state=data["state"],
            major_id=data.get("major"),
            graduation_year=data.get("year"),
        )
        return get_paginated_response(
            serializer_class=StudentStaffClaimOutputSerializer,
            queryset=claims,
            request=request,
            view=self,
        )


class ClaimConfirmApi(APIView):
    @extend_schema(
        request=None, responses=StudentStaffClaimOutputSerializer, summary="确认学生申请"
    )
    def post(self, request: Request, claim_id: int) -> Response:
        claim = student_claim_confirm(
            actor=acting_user(request), claim=student_claim_get(claim_id=claim_id)
        )
        return Response(StudentStaffClaimOutputSerializer(claim, context={"request": request}).data)


class ClaimReturnApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(
        request=InputSerializer, responses=StudentStaffClaimOutputSerializer, summary="退回学生申请"
    )
    def post(self, request: Request, claim_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = student_claim_return(
            actor=acting_user(request),
            claim=student_claim_get(claim_id=claim_id),
            reason=serializer.validated_data.get("reason"),
        )
        return Response(StudentStaffClaimOutputSerializer(claim, context={"request": request}).data)


class ClaimBulkConfirmApi(APIView):
    class InputSerializer(serializers.Serializer):
        ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=500)

    @extend_schema(
        request=InputSerializer,
        responses=inline_serializer(
            "StudentClaimBulkConfirm",
            {
                "confirmed": serializers.IntegerField(),
                "skipped": serializers.IntegerField(),
                "message": serializers.CharField(),
            },
        ),
        summary="批量确认所选申请",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = student_claims_confirm(
            actor=acting_user(request), claim_ids=serializer.validated_data["ids"]
        )
        return Response(
            {"confirmed": result.confirmed, "skipped": result.skipped, "message": result.message}
        )


class RosterImportApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        school = IdField(required=False, help_text="学校编号；只为一所学校工作时可省略")
        file = serializers.FileField(help_text="CSV（UTF-8 或 GB18030）或 .xlsx 文件")

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses=inline_serializer(
            "StudentRosterImport",
            {
                "file_name": serializers.CharField(),
                "rows": serializers.IntegerField(),
                "confirmed": serializers.IntegerField(),
                "unmatched": serializers.IntegerField(),
                "unmatched_rows": serializers.ListField(child=serializers.DictField()),
                "remaining": serializers.IntegerField(),
                "error_count": serializers.IntegerField(),
                "message": serializers.CharField(),
            },
        ),
        summary="导入花名册，批量确认匹配的申请",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actor = acting_user(request)
        schools = schools_user_acts_for(actor)
        school_id = serializer.validated_data.get("school")
        if school_id is None and len(schools) != 1:
            raise ApplicationError("请指定学校编号（school）。", extra={"field": "school"})
        school = schools[0] if school_id is None else school_get(school_id=school_id)
        upload = serializer.validated_data["file"]
        result = student_roster_import(
            actor=actor, school=school, file_name=upload.name, stream=upload
        )
        if not result.ok:
            errors = [issue.as_dict() for issue in result.errors]
            return Response(
                {
                    "message": result.message,
                    "extra": {"errors": errors, "error_count": result.error_count},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(result.as_dict(), status=status.HTTP_201_CREATED)
