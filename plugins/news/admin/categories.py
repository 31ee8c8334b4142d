"""Category management: the tree with article counts, add, edit, and
delete, which the service refuses while a category still holds articles or
subcategories. The package's ``__init__`` maps the URLs."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cms.plugin import ValidationError, db, role_required

from .. import queries, services
from ..category_tree import tree
from ..forms import CategoryForm
from ..models import Category


def _parent_choices(category: Category | None) -> list[tuple[int, str]]:
    """Every category except this one and those below it (no cycles)."""
    excluded = set(tree().descendant_ids(category)) if category is not None else set()
    return [(value, label) for value, label in tree().choices() if value not in excluded]


def _form(category: Category | None) -> CategoryForm:
    data = None
    if request.method == "GET" and category is not None:
        data = {"name": category.name, "slug": category.slug, "parent_id": category.parent_id or 0,
                "description": category.description, "position": category.position}
    return CategoryForm(data=data, category_id=category.id if category else None,
                        parents=_parent_choices(category))


def _save(category: Category, form: CategoryForm, action: str) -> None:
    category.name = form.name.data.strip()
    category.slug = form.slug.data or services.free_category_slug(category.name, category.id)
    category.parent_id = form.parent_id.data or None
    category.description = (form.description.data or "").strip()
    category.position = form.position.data or 0
    services.save_category(category, action)


def _listing(form: CategoryForm):
    return render_template("news/admin/categories.html", rows=tree().flat(), counts=queries.article_counts(),
                           children=tree().children, form=form)


@role_required("editor")
def categories():
    form = _form(None)
    if form.validate_on_submit():
        category = Category()
        _save(category, form, "created")
        flash(_("Đã thêm danh mục “%(name)s”.", name=category.name), "success")
        return redirect(url_for(".categories"))
    return _listing(form)


@role_required("editor")
def edit_category(category_id: int):
    category = db.session.get(Category, category_id) or abort(404)
    form = _form(category)
    if form.validate_on_submit():
        _save(category, form, "updated")
        flash(_("Đã lưu danh mục “%(name)s”.", name=category.name), "success")
        return redirect(url_for(".categories"))
    return render_template("news/admin/category_edit.html", form=form, category=category)


@role_required("editor")
def delete_category(category_id: int):
    category = db.session.get(Category, category_id) or abort(404)
    name = category.name
    try:
        services.delete_category(category)
    except ValidationError as refused:
        flash(str(refused), "error")
        return redirect(url_for(".categories"))
    flash(_("Đã xoá danh mục “%(name)s”.", name=name), "success")
    return redirect(url_for(".categories"))
