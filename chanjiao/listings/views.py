"""Web pages for supply and demand items: kinds, lists, details, forms, my items, review queue.

POST-only actions (submit, approve, reject, close, report, consents) are in ``action_views``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chanjiao.accounts.models import User
from chanjiao.common.counting import CachedCountPaginator
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.listings import page_data
from chanjiao.listings.cards import post_cards
from chanjiao.listings.forms import PublisherForm, listing_web_form
from chanjiao.listings.kinds import KINDS, Education, KindSpec, kind_spec
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.permissions import user_can_edit_listing, user_is_reviewer
from chanjiao.listings.selectors import (
    ListingFilters,
    listing_get_for_user,
    listing_list,
    listing_list_for_organizations,
    review_queue,
    review_queue_counts,
)
from chanjiao.listings.services import listing_create, listing_update
from chanjiao.listings.validation import (
    BaseListingForm,
    listing_form_data,
    listing_values_from_form,
)
from chanjiao.listings.workflow import EDITABLE_BY_AUTHOR

PER_PAGE = 20


def listing_get_or_404(user: User | AnonymousUser, kind: str, listing_id: int) -> Listing:
    """Return an item of this kind the user may see, or raise Http404."""
    try:
        return listing_get_for_user(user=user, listing_id=listing_id, kind=kind)
    except NotFoundError as error:
        raise Http404(error.message) from None


def forbidden(request: HttpRequest, message: str, spec: KindSpec | None = None) -> HttpResponse:
    """Render the 'you may not' page with status 403."""
    context = {"message": message, "spec": spec}
    return render(request, "listings/forbidden.html", context, status=403)


def listing_index_page(request: HttpRequest) -> HttpResponse:
    """The ten kinds with how many items of each are published, and what the user may publish."""
    visible = listing_list(fetched_by=request.user, filters=ListingFilters()).published()
    counts = dict(
        visible.prefetch_related(None).order_by().values_list("kind").annotate(n=Count("pk"))
    )
    kinds = [
        {
            "spec": spec,
            "count": counts.get(key, 0),
            "can_publish": page_data.user_can_publish_kind(request.user, spec),
        }
        for key, spec in KINDS.items()
    ]
    latest = list(visible.order_by("-published_at", "-pk")[:6])
    context = {"kinds": kinds, "latest": post_cards(request.user, latest)}
    return render(request, "listings/index.html", context)


def listing_list_page(request: HttpRequest, kind: str) -> HttpResponse:
    """One kind's published items with filters, sorting and pages; personal data masked."""
    spec = kind_spec(kind)
    raw = page_data.filter_input(request.GET, spec)
    filters, errors = page_data.filters_validate(raw, kind=kind)
    # The browsing list: its total may be a minute old (chanjiao.common.counting).
    qs = listing_list(fetched_by=request.user, filters=filters)
    page = CachedCountPaginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    context = {
        "spec": spec,
        "page_obj": page,
        "cards": post_cards(request.user, items),
        "filtered": len([name for name in raw if name != "ordering"]),
        "raw": raw,
        "filter_errors": errors,
        "filter_fields": page_data.filter_fields(spec),
        "directions": [(d.value, spec.direction_label(d.value)) for d in spec.directions],
        "educations": Education.choices,
        "orderings": page_data.orderings_for(spec),
        "ordering": filters.ordering,
        "subscription_fields": page_data.subscription_fields(filters),
        "export_urls": page_data.export_urls(filters),
        "can_publish": page_data.user_can_publish_kind(request.user, spec),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "listings/list.html", context)


def listing_detail(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    """One item with the actions the viewer may take, its history and the report form."""
    listing = listing_get_or_404(request.user, kind, listing_id)
    return render(request, "listings/detail.html", page_data.detail_context(request, listing))


MODEL_TO_FORM_FIELD = {
    "region": "region_code",
    "occupation": "occupation_code",
    "industry": "industry_code",
    "majors": "major_codes",
}


EXTERNAL_ID_TAKEN = "本机构已有使用该外部编号的同类信息。"


def _add_service_error(form: BaseListingForm, error: ApplicationError | ValidationError) -> None:
    """Show a service's refusal on the form: next to its field where it names one."""
    by_field: dict[str, list[str]]
    if isinstance(error, ValidationError):
        by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    else:
        by_field = error.extra.get("fields") or {"": [error.message]}
    for field_name, field_messages in by_field.items():
        name = MODEL_TO_FORM_FIELD.get(field_name, field_name)
        for message in field_messages:
            if message == EXTERNAL_ID_TAKEN:
                # A conditional unique constraint reports on the whole row; the field is known.
                name = "external_id"
            form.add_error(name if name in form.fields else None, message)


@login_required
def listing_create_page(request: HttpRequest, kind: str) -> HttpResponse:
    """Write a new item as a draft, in the name of an organisation the user may act for."""
    spec = kind_spec(kind)
    organizations = page_data.publishable_organizations(request.user, spec)
    if not spec.is_personal and not organizations:
        return forbidden(
            request,
            f"您不是任何可发布“{spec.label}”信息的机构的机构管理员或信息员。",
            spec,
        )
    data = request.POST if request.method == "POST" else None
    publisher = None if spec.is_personal else PublisherForm(data, organizations=organizations)
    form = listing_web_form(spec, data=data)
    if data is not None:
        publisher_ok = publisher is None or publisher.is_valid()
        if form.is_valid() and publisher_ok:
            try:
                listing = listing_create(
                    actor=acting_user(request),
                    spec=spec,
                    organization=publisher.chosen_organization() if publisher else None,
                    values=listing_values_from_form(spec, form.cleaned_data),
                )
            except (ApplicationError, ValidationError) as error:
                _add_service_error(form, error)
            else:
                messages.success(request, "已保存为草稿。请核对内容后点击“提交审核”。")
                return redirect(listing)
    context = {"spec": spec, "form": form, "publisher": publisher, "listing": None}
    return render(request, "listings/form.html", context)


@login_required
def listing_edit_page(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    """Change an item; a published or approved item goes back to review when saved."""
    listing = listing_get_or_404(request.user, kind, listing_id)
    spec = listing.spec
    if not user_can_edit_listing(request.user, listing):
        return forbidden(request, "您无权修改该信息。", spec)
    if listing.status not in EDITABLE_BY_AUTHOR:
        messages.error(request, f"“{listing.get_status_display()}”状态的信息不能修改。")
        return redirect(listing)
    was_public = listing.status in (ListingStatus.PUBLISHED, ListingStatus.APPROVED)
    if request.method == "POST":
        form = listing_web_form(spec, data=request.POST)
        if form.is_valid():
            try:
                listing = listing_update(
                    actor=acting_user(request),
                    listing=listing,
                    values=listing_values_from_form(spec, form.cleaned_data),
                )
            except (ApplicationError, ValidationError) as error:
                _add_service_error(form, error)
            else:
                done = "已保存，信息已重新进入审核队列。" if was_public else "已保存。"
                messages.success(request, done)
                return redirect(listing)
    else:
        form = listing_web_form(spec, initial=listing_form_data(listing))
    context = {"spec": spec, "form": form, "listing": listing, "was_public": was_public}
    return render(request, "listings/form.html", context)


@login_required
def listing_mine_page(request: HttpRequest) -> HttpResponse:
    """Every item of the user's organisations and their own profiles, with counts per status."""
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else None
    status = request.GET.get("status")
    status = status if status in ListingStatus.values else None
    query = (request.GET.get("q") or "").strip()[:100] or None
    base = listing_list_for_organizations(
        fetched_by=request.user,
        filters=ListingFilters(kind=kind, q=query, ordering="-updated_at"),
    )
    counts = dict(
        base.prefetch_related(None).order_by().values_list("status").annotate(n=Count("pk"))
    )
    qs = base.filter(status=status) if status else base
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    publishable = [
        spec for spec in KINDS.values() if page_data.user_can_publish_kind(request.user, spec)
    ]
    context = {
        "page_obj": page,
        "items": items,
        "cards": post_cards(request.user, items, with_status=True),
        "filtered": bool(kind or status or query),
        "query": query or "",
        "status_counts": [(v, label, counts.get(v, 0)) for v, label in ListingStatus.choices],
        "total": sum(counts.values()),
        "kind": kind,
        "status": status,
        "kinds": [(key, spec.label) for key, spec in KINDS.items()],
        "publishable": publishable,
        "publishes_for_organization": any(not spec.is_personal for spec in publishable),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "listings/mine.html", context)


@login_required
def review_queue_page(request: HttpRequest) -> HttpResponse:
    """Submitted items of the reviewer's localities, reported ones first, with counts per kind."""
    if not user_is_reviewer(request.user):
        return forbidden(request, "只有政府部门的审核员或政府管理员可以审核供需信息。")
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else None
    # An ordering outside ORDERINGS makes the queue put reported items first, then the oldest.
    qs = review_queue(
        fetched_by=acting_user(request), filters=ListingFilters(kind=kind, ordering="submitted_at")
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    counts = review_queue_counts(fetched_by=acting_user(request))
    items = list(page.object_list)
    context = {
        "page_obj": page,
        "items": items,
        "cards": post_cards(request.user, items),
        "counts": counts,
        "kind_counts": [
            (key, spec.label, counts.get(key, 0)) for key, spec in KINDS.items() if counts.get(key)
        ],
        "kind": kind,
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "listings/review_queue.html", context)
