"""What the site refuses so that no view has to think about it: HTTP methods no page answers, ids
the database cannot hold, and addresses that name nothing. Each holds for every route, Wagtail's
and allauth's included, so a new view cannot forget it (tests/security/test_every_route.py walks
the URL conf to prove it).
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage
from django.db.models import ForeignObject, IntegerField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In, Range
from django.http import Http404, HttpResponseNotAllowed
from wagtail.admin.views.dismissibles import DismissiblesView
from wagtail.admin.views.generic.preview import PreviewOnEdit

# Browsers send GET and POST (and HEAD, which Django answers as GET without the body).
ALLOWED_METHODS = ("GET", "HEAD", "POST")
# Views whose own code answers another method: the admin's scripts send these two.
# Any other view answering PUT, PATCH, DELETE or OPTIONS does so by accident: a function view
# that treats "not POST" as a read shows its page without the audit a GET records, and Django's
# DeleteView deletes on DELETE without Wagtail's checks.
EXTRA_METHODS = {DismissiblesView: ("PATCH",), PreviewOnEdit: ("DELETE",)}


class AllowedMethodsMiddleware:
    """405 for any method a view was not written for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = allowed_methods(view_func)
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None


def allowed_methods(view_func) -> tuple[str, ...]:
    view_class = getattr(view_func, "view_class", None)
    for owner, extra in EXTRA_METHODS.items():
        if view_class is not None and issubclass(view_class, owner):
            return ALLOWED_METHODS + extra
    return ALLOWED_METHODS


class MalformedAddressMiddleware:
    """A 404, not a server error, when the address asks for something that cannot exist.

    Django raises ValueError when text such as "abc" reaches an integer column, and its
    paginator InvalidPage for ?p=abc or a page past the end. Views that take an id as text
    (Wagtail's choosers: chosen/<str:pk>/, ?id=) or a page number (Wagtail's workflow editor)
    let these through. The ValueError is recognised by where it was raised,
    IntegerField.get_prep_value, so no other ValueError is hidden.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidPage):
            raise Http404("No such page of results.") from exception
        if isinstance(exception, ValueError) and _raised_in(exception, IntegerField.get_prep_value):
            raise Http404("No such item: its id in the address is not a number.") from exception
        return None


def _raised_in(exception: BaseException, function) -> bool:
    frame = exception.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and frame.tb_frame.f_code is function.__code__


class _IdsInRange:
    """A lookup that leaves out integers its column cannot hold: they can match nothing.

    Django does this for an integer field's own exact, gt and lt lookups (IntegerFieldOverflow,
    ticket #27397), but not for `in` or `range`, nor through a foreign key or a page's parent
    link. There a 40-digit ?outcome= reached SQLite's driver (OverflowError, a server error)
    or, on PostgreSQL, compared the column as numeric (no index: a scan of the whole table).
    """

    def _range(self, connection) -> tuple | None:
        if isinstance(self.lhs, ColPairs):  # a composite key: several columns
            return None
        field = self.lhs.output_field
        while isinstance(field, ForeignObject):  # a relation: the column it points to, in turn
            field = field.path_infos[-1].target_fields[-1]
        if not isinstance(field, IntegerField):
            return None
        try:
            return connection.ops.integer_field_range(field.get_internal_type())
        except KeyError:  # a field type the backend gives no range for
            return None

    @staticmethod
    def _fits(value, bounds) -> bool:
        low, high = bounds
        if not isinstance(value, int):
            return True
        return (low is None or value >= low) and (high is None or value <= high)


class RelatedExactInRange(_IdsInRange, RelatedExact):
    def process_rhs(self, compiler, connection):
        bounds = self._range(connection)
        if bounds and self.rhs_is_direct_value() and not self._fits(self.rhs, bounds):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class _InInRange(_IdsInRange):
    def process_rhs(self, compiler, connection):
        bounds = self._range(connection)
        if bounds and self.rhs_is_direct_value():
            # Nothing left: In raises EmptyResultSet itself.
            self.rhs = [value for value in self.rhs if self._fits(value, bounds)]
        return super().process_rhs(compiler, connection)


class IntegerInInRange(_InInRange, In):
    pass


class IntegerRangeInRange(_IdsInRange, Range):
    """`range` (a "from" and "to" filter, such as Wagtail's usage count), narrowed to what the
    column can hold: nothing if the range lies outside it."""

    def process_rhs(self, compiler, connection):
        bounds = self._range(connection)
        if bounds and self.rhs_is_direct_value():
            (start, end), (low, high) = self.rhs, bounds
            if isinstance(start, int) and high is not None:
                if start > high:
                    raise EmptyResultSet
                start = max(start, low) if low is not None else start
            if isinstance(end, int) and low is not None:
                if end < low:
                    raise EmptyResultSet
                end = min(end, high) if high is not None else end
            self.rhs = (start, end)
        return super().process_rhs(compiler, connection)


class RelatedInInRange(_InInRange, RelatedIn):
    pass


def register_lookups() -> None:
    """Replace Django's lookups of these names (documented: Field.register_lookup)."""
    IntegerField.register_lookup(IntegerInInRange)
    IntegerField.register_lookup(IntegerRangeInRange)
    ForeignObject.register_lookup(RelatedExactInRange)
    ForeignObject.register_lookup(RelatedInInRange)
