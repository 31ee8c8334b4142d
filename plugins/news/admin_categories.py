"""Category management: the tree with article counts, add, edit, and
delete, which is refused while a category still holds articles or
subcategories."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cms.extensions import db
from cms.plugin import audit, call_hook, make_slug, role_required, unique_slug

from .admin import bp
from .categories import article_counts, category_slug_taken, forget, tree
from .forms import CategoryForm
from .models import Category

KIND = "news.category"


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


def _free_slug(name: str, exclude_id: int | None) -> str:
    return unique_slug(make_slug(name, 150) or "danh-muc", lambda s: category_slug_taken(s, exclude_id), 150)


def _save(category: Category, form: CategoryForm, action: str) -> None:
    category.name = form.name.data.strip()
    category.slug = form.slug.data or _free_slug(category.name, category.id)
    category.parent_id = form.parent_id.data or None
    category.description = (form.description.data or "").strip()
    category.position = form.position.data or 0
    db.session.add(category)
    db.session.flush()
    audit(f"news.category.{action}", category, detail=category.name)
    db.session.commit()
    forget()
    call_hook("content_changed", kind=KIND, obj=category, action=action)


def _listing(form: CategoryForm):
    return render_template("news/admin/categories.html", rows=tree().flat(), counts=article_counts(),
                           children=tree().children, form=form)


@bp.route("/categories", methods=["GET", "POST"])
@role_required("editor")
def categories():
    form = _form(None)
    if form.validate_on_submit():
        category = Category()
        _save(category, form, "created")
        flash(_("Đã thêm danh mục “%(name)s”.", name=category.name), "success")
        return redirect(url_for(".categories"))
    return _listing(form)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@role_required("editor")
def edit_category(category_id: int):
    category = db.session.get(Category, category_id) or abort(404)
    form = _form(category)
    if form.validate_on_submit():
        _save(category, form, "updated")
        flash(_("Đã lưu danh mục “%(name)s”.", name=category.name), "success")
        return redirect(url_for(".categories"))
    return render_template("news/admin/category_edit.html", form=form, category=category)


def refusal(category: Category) -> str | None:
    """Why this category cannot be deleted, or ``None``."""
    held = article_counts().get(category.id, 0)
    if held:
        return _("Không thể xoá danh mục “%(name)s” vì còn %(n)d bài viết. "
                 "Hãy chuyển các bài sang danh mục khác trước.", name=category.name, n=held)
    if tree().children.get(category.id):
        return _("Không thể xoá danh mục “%(name)s” vì còn danh mục con.", name=category.name)
    return None


@bp.post("/categories/<int:category_id>/delete")
@role_required("editor")
def delete_category(category_id: int):
    category = db.session.get(Category, category_id) or abort(404)
    reason = refusal(category)
    if reason:
        flash(reason, "error")
        return redirect(url_for(".categories"))
    name = category.name
    audit("news.category.deleted", category, detail=name)
    db.session.delete(category)
    db.session.commit()
    forget()
    call_hook("content_changed", kind=KIND, obj=category, action="deleted")
    flash(_("Đã xoá danh mục “%(name)s”.", name=name), "success")
    return redirect(url_for(".categories"))
