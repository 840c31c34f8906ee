"""User representations with personal fields masked."""

from rest_framework import serializers

from chanjiao.accounts.models import User
from chanjiao.common.masking import mask_id_number, mask_phone


class MaskedUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    real_name = serializers.CharField()
    phone = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField()

    def get_phone(self, user: User) -> str:
        return mask_phone(user.phone)

    def get_id_number(self, user: User) -> str:
        return mask_id_number(user.id_number)
