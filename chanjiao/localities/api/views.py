"""Locality profiles over HTTP: public reads; writes by staff or the locality's 政府管理员.

Request bodies are checked by ``chanjiao.localities.validation`` (the rules ``load_localities``
applies), so a refused body answers 400 with ``extra.errors`` listing every problem by path.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.localities.api.serializers import (
    KeyIndustryInputSerializer,
    KeyIndustryOutputSerializer,
    LocalityInputSerializer,
    LocalityOutputSerializer,
    NamedInstitutionInputSerializer,
    NamedInstitutionOutputSerializer,
    PolicyParameterInputSerializer,
    PolicyParameterOutputSerializer,
)
from chanjiao.localities.selectors import (
    key_industry_get,
    locality_get,
    locality_list,
    named_institution_get,
    policy_parameter_get,
)
from chanjiao.localities.services import (
    key_industry_create,
    key_industry_delete,
    key_industry_update,
    locality_create,
    locality_update,
    named_institution_create,
    named_institution_delete,
    named_institution_update,
    policy_parameter_create,
    policy_parameter_delete,
    policy_parameter_update,
)

ERRORS = {
    400: OpenApiResponse(description="数据有误：extra.errors 逐条列出“路径: 原因”"),
    403: OpenApiResponse(description="未登录，或不是平台管理员/该地区的政府管理员"),
    404: OpenApiResponse(description="地区或条目不存在"),
}


class _WriteApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]


# Localities ------------------------------------------------------------------------------


class LocalityListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]

    class InputSerializer(LocalityInputSerializer):
        pass

    @extend_schema(
        responses=LocalityOutputSerializer(many=True),
        summary="地区配置列表（政策参数、重点产业及行业代码、点名机构、条款）",
    )
    def get(self, request: Request) -> Response:
        return get_paginated_response(
            serializer_class=LocalityOutputSerializer,
            queryset=locality_list(fetched_by=request.user),
            request=request,
            view=self,
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: LocalityOutputSerializer, **ERRORS},
        summary="新增地区（仅平台管理员）",
    )
    def post(self, request: Request) -> Response:
        locality = locality_create(actor=acting_user(request), data=request.data)
        output = LocalityOutputSerializer(locality_get(locality_id=locality.pk))
        return Response(output.data, status=status.HTTP_201_CREATED)


class LocalityDetailApi(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]

    class InputSerializer(LocalityInputSerializer):
        pass

    @extend_schema(responses={200: LocalityOutputSerializer, 404: ERRORS[404]}, summary="地区配置")
    def get(self, request: Request, locality_id: int) -> Response:
        return Response(LocalityOutputSerializer(locality_get(locality_id=locality_id)).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: LocalityOutputSerializer, **ERRORS},
        summary="修改政策文件信息（标题、文号、发文机关、日期、概述）",
    )
    def patch(self, request: Request, locality_id: int) -> Response:
        locality = locality_get(locality_id=locality_id)
        locality_update(actor=acting_user(request), locality=locality, data=request.data)
        return Response(LocalityOutputSerializer(locality_get(locality_id=locality_id)).data)


# Policy parameters -----------------------------------------------------------------------


class PolicyParameterCreateApi(_WriteApi):
    class InputSerializer(PolicyParameterInputSerializer):
        pass

    @extend_schema(
        request=InputSerializer,
        responses={201: PolicyParameterOutputSerializer, **ERRORS},
        summary="新增政策参数",
    )
    def post(self, request: Request, locality_id: int) -> Response:
        locality = locality_get(locality_id=locality_id)
        parameter = policy_parameter_create(
            actor=acting_user(request), locality=locality, data=request.data
        )
        return Response(
            PolicyParameterOutputSerializer(parameter).data, status=status.HTTP_201_CREATED
        )


class PolicyParameterDetailApi(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]

    class InputSerializer(PolicyParameterInputSerializer):
        pass

    @extend_schema(
        responses={200: PolicyParameterOutputSerializer, 404: ERRORS[404]}, summary="政策参数"
    )
    def get(self, request: Request, locality_id: int, key: str) -> Response:
        parameter = self._parameter(locality_id, key)
        return Response(PolicyParameterOutputSerializer(parameter).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: PolicyParameterOutputSerializer, **ERRORS},
        summary="修改政策参数（数值、区间上限、比较方式、单位、条款、原文）",
    )
    def patch(self, request: Request, locality_id: int, key: str) -> Response:
        parameter = policy_parameter_update(
            actor=acting_user(request),
            parameter=self._parameter(locality_id, key),
            data=request.data,
        )
        return Response(PolicyParameterOutputSerializer(parameter).data)

    @extend_schema(responses={204: None, **ERRORS}, summary="删除政策参数")
    def delete(self, request: Request, locality_id: int, key: str) -> Response:
        policy_parameter_delete(
            actor=acting_user(request), parameter=self._parameter(locality_id, key)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _parameter(self, locality_id: int, key: str) -> Any:
        return policy_parameter_get(locality=locality_get(locality_id=locality_id), key=key)


# Key industries --------------------------------------------------------------------------


class KeyIndustryCreateApi(_WriteApi):
    class InputSerializer(KeyIndustryInputSerializer):
        pass

    @extend_schema(
        request=InputSerializer,
        responses={201: KeyIndustryOutputSerializer, **ERRORS},
        summary="新增重点产业",
    )
    def post(self, request: Request, locality_id: int) -> Response:
        locality = locality_get(locality_id=locality_id)
        key_industry = key_industry_create(
            actor=acting_user(request), locality=locality, data=request.data
        )
        return Response(
            KeyIndustryOutputSerializer(key_industry).data, status=status.HTTP_201_CREATED
        )


class KeyIndustryDetailApi(_WriteApi):
    class InputSerializer(KeyIndustryInputSerializer):
        pass

    @extend_schema(
        request=InputSerializer,
        responses={200: KeyIndustryOutputSerializer, **ERRORS},
        summary="修改重点产业（提法、行业代码、条款、说明）",
    )
    def patch(self, request: Request, locality_id: int, key_industry_id: int) -> Response:
        key_industry = key_industry_update(
            actor=acting_user(request),
            key_industry=self._key_industry(locality_id, key_industry_id),
            data=request.data,
        )
        return Response(KeyIndustryOutputSerializer(key_industry).data)

    @extend_schema(responses={204: None, **ERRORS}, summary="删除重点产业")
    def delete(self, request: Request, locality_id: int, key_industry_id: int) -> Response:
        key_industry_delete(
            actor=acting_user(request),
            key_industry=self._key_industry(locality_id, key_industry_id),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _key_industry(self, locality_id: int, key_industry_id: int) -> Any:
        locality = locality_get(locality_id=locality_id)
        return key_industry_get(locality=locality, key_industry_id=key_industry_id)


# Named institutions ----------------------------------------------------------------------


class NamedInstitutionCreateApi(_WriteApi):
    class InputSerializer(NamedInstitutionInputSerializer):
        pass

    @extend_schema(
        request=InputSerializer,
        responses={201: NamedInstitutionOutputSerializer, **ERRORS},
        summary="新增文件点名机构",
    )
    def post(self, request: Request, locality_id: int) -> Response:
        locality = locality_get(locality_id=locality_id)
        institution = named_institution_create(
            actor=acting_user(request), locality=locality, data=request.data
        )
        return Response(
            NamedInstitutionOutputSerializer(institution).data, status=status.HTTP_201_CREATED
        )


class NamedInstitutionDetailApi(_WriteApi):
    class InputSerializer(NamedInstitutionInputSerializer):
        pass

    @extend_schema(
        request=InputSerializer,
        responses={200: NamedInstitutionOutputSerializer, **ERRORS},
        summary="修改文件点名机构（名称、类别、条款、对应的平台机构）",
    )
    def patch(self, request: Request, locality_id: int, institution_id: int) -> Response:
        institution = named_institution_update(
            actor=acting_user(request),
            institution=self._institution(locality_id, institution_id),
            data=request.data,
        )
        return Response(NamedInstitutionOutputSerializer(institution).data)

    @extend_schema(responses={204: None, **ERRORS}, summary="删除文件点名机构")
    def delete(self, request: Request, locality_id: int, institution_id: int) -> Response:
        named_institution_delete(
            actor=acting_user(request), institution=self._institution(locality_id, institution_id)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _institution(self, locality_id: int, institution_id: int) -> Any:
        locality = locality_get(locality_id=locality_id)
        return named_institution_get(locality=locality, institution_id=institution_id)
