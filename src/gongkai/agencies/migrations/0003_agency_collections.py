"""Give every existing agency its collection (文件库) and file group, and make its people who may upload members
(what agencies.collections does for agencies created from now on)."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail's collections use it
STEPLEN = 4
UPLOADING_ROLES = {
    "staff",
    "section_head",
    "division_leader",
    "principal_leader",
    "confidentiality_reviewer",
    "disclosure_office",
    "system_admin",
}
CODENAMES = (
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
)


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _child_of(Collection, root, name):
    last = Collection.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("-path").first()
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(name=name, path=root.path + _step(number), depth=root.depth + 1, numchild=0)
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return child


def forwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    if not Agency.objects.exists():
        return
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    RoleAssignment = apps.get_model("agencies", "RoleAssignment")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path=_step(1), depth=1, numchild=0)
    permissions = []
    for app_label, model, codename, name in CODENAMES:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for agency in Agency.objects.filter(collection__isnull=True).order_by("path"):
        agency.collection = _child_of(Collection, root, agency.name)
        agency.save(update_fields=["collection"])
        group, _ = Group.objects.get_or_create(name=f"文件库：{agency.code}")
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=agency.collection, permission=permission
            )
        members = RoleAssignment.objects.filter(person__agency=agency, role__in=UPLOADING_ROLES)
        for user_id in set(members.values_list("person__user_id", flat=True)):
            group.user_set.add(user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_agency_collection"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
