"""Input and output shapes of the /api/v1/me/ endpoints."""

from rest_framework import serializers


class MeAccountOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    real_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField(help_text="打码显示，如 138****5678")
    id_number = serializers.CharField(help_text="打码显示")
    last_login = serializers.DateTimeField(allow_null=True)
    password_changed_at = serializers.DateTimeField()


class MeProfileInputSerializer(serializers.Serializer):
    real_name = serializers.CharField(max_length=50, allow_blank=True)
    email = serializers.CharField(max_length=254, allow_blank=True)
    phone = serializers.CharField(max_length=20, allow_blank=True)


class MePasswordChangeInputSerializer(serializers.Serializer):
    old_password = serializers.CharField(trim_whitespace=False)
    new_password = serializers.CharField(trim_whitespace=False)
    new_password_again = serializers.CharField(trim_whitespace=False)


class MeLoginRecordOutputSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    what = serializers.CharField(help_text="事件，如 登录、退出登录、登录失败")
    result = serializers.CharField(help_text="成功、失败或拒绝")
    address = serializers.CharField(help_text="来源地址")
    device = serializers.CharField(help_text="设备，如 手机、电脑")


class MeConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization = serializers.CharField(source="organization.name")
    profile = serializers.IntegerField(source="profile_id")
    profile_title = serializers.CharField(source="profile.title")
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)


class MeAccountDeleteInputSerializer(serializers.Serializer):
    password = serializers.CharField(trim_whitespace=False)
    confirmation = serializers.CharField(help_text="须为“确认注销”")


class MeAccountDeletionOutputSerializer(serializers.Serializer):
    memberships_deactivated = serializers.IntegerField()
    consents_withdrawn = serializers.IntegerField()
    profiles_cleared = serializers.IntegerField()
    profiles_closed = serializers.IntegerField()
    student_profile_deleted = serializers.IntegerField()
    subscriptions_deleted = serializers.IntegerField()
    notifications_deleted = serializers.IntegerField()
    second_factor_devices_deleted = serializers.IntegerField()
