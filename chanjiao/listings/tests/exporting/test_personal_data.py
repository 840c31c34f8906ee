"""Exports mask contact data and résumés for everyone but the author and a consented organisation.

Colleagues of the publisher and holders of the personal-data right see them masked too: they use
the audited 查看完整个人信息 on the item (docs/personal-data.md).
"""

import pytest

from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.listings import services
from chanjiao.listings.tests.exporting.conftest import as_dicts, read_export
from chanjiao.listings.tests.factories import listing_make
from chanjiao.organizations.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]
URL = "/api/v1/listings/export/"


@pytest.fixture
def other_member(catalogs):
    """A member of another enterprise (not the publisher)."""
    user = UserFactory(username="other_member")
    MembershipFactory(user=user, organization=EnterpriseFactory(name="别的公司"))
    return user


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("_case", ["anonymous", "outsider", "other_member"])
def test_masks_contact_for_users_without_the_right(
    _case, file_format, request, job, api_client, client_for
):
    client = api_client if _case == "anonymous" else client_for(request.getfixturevalue(_case))

    response = client.get(URL, {"format": file_format, "kind": "job"})

    assert response.status_code == 200
    (row,) = as_dicts(read_export(response, file_format))
    assert row["联系电话"] == "138****5678"
    assert row["联系人"] == "李**"
    assert row["标题"] == "数控车工"
    text = str(read_export(response, file_format))
    assert "13812345678" not in text
    assert "李经理" not in text
    assert "450403200001011234" not in text  # the factory users' ID number


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(
    ("_case", "full"),
    [("author", True), ("publisher_member", False), ("personal_data_right", False)],
)
def test_shows_contact_in_full_to_the_author_only(
    _case, full, file_format, request, job, client_for, recruiter, enterprise_admin
):
    user = {
        "author": recruiter,
        "publisher_member": enterprise_admin,
        "personal_data_right": request.getfixturevalue("personal_data_officer"),
    }[_case]

    response = client_for(user).get(URL, {"format": file_format, "kind": "job"})

    (row,) = as_dicts(read_export(response, file_format))
    assert row["联系电话"] == ("13812345678" if full else "138****5678")
    assert row["联系人"] == ("李经理" if full else "李**")


@pytest.fixture
def profile(student, reviewer):
    return listing_make(kind="jobseeker", author=student, reviewer=reviewer)


@pytest.mark.parametrize("file_format", FORMATS)
def test_masks_resume_and_name_of_profiles_for_members_without_consent(
    file_format, profile, student, recruiter, client_for
):
    response = client_for(recruiter).get(URL, {"format": file_format, "kind": "jobseeker"})

    (row,) = as_dicts(read_export(response, file_format))
    assert row["个人简历"] == "（需授权查看）"
    name = student.real_name
    assert row["发布方"] == name[0] + "*" * (len(name) - 1)
    assert row["标题"] == "求职：数控车工"
    assert "13700001111" not in str(read_export(response, file_format))


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(
    ("_case", "full"), [("consented_organisation", True), ("personal_data_right", False)]
)
def test_shows_resume_to_consented_organisation_only(
    _case, full, file_format, request, profile, student, enterprise, recruiter, client_for
):
    if _case == "consented_organisation":
        services.profile_consent_grant(actor=student, profile=profile, organization=enterprise)
        user = recruiter
    else:
        user = request.getfixturevalue("personal_data_officer")

    response = client_for(user).get(URL, {"format": file_format, "kind": "jobseeker"})

    (row,) = as_dicts(read_export(response, file_format))
    assert row["个人简历"] == (profile.details["resume"] if full else "（需授权查看）")
    assert (row["发布方"] == student.real_name) is full


def test_anonymous_export_leaves_out_profiles(profile, api_client):
    response = api_client.get(URL, {"format": "csv", "kind": "jobseeker"})

    assert response.status_code == 200
    assert read_export(response, "csv")[1:] == []


def test_mixed_kinds_export_masks_each_row(job, profile, recruiter, client_for):
    response = client_for(recruiter).get(URL, {"format": "csv"})

    rows = {row["信息类型"]: row for row in as_dicts(read_export(response, "csv"))}
    assert set(rows) == {"岗位需求", "个人求职档案"}
    assert rows["岗位需求"]["联系电话"] == "13812345678"  # the recruiter's own organisation
    assert rows["个人求职档案"]["发布方"].endswith("*")
    assert "个人简历" not in rows["个人求职档案"]  # kind-specific columns only per kind
