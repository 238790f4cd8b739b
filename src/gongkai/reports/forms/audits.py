"""The auditor's upload form: a report of an agency in the user's scope, or an external report with its
publisher's name; one file, several, or ZIPs of them — every size and count checked before anything is read."""

from __future__ import annotations

from django import forms

from gongkai.core.audit.archive import unpack
from gongkai.core.audit.document import UnreadableError

from ..services.audits import MAX_BATCH_BYTES, MAX_FILES, MAX_UPLOAD_BYTES

ACCEPTED = ".txt,.htm,.html,.docx,.pdf,.xlsx,.zip"
_MB = 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f] or super().clean(None)


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="报告所属机关", queryset=None, required=False, empty_label="外部报告（不属于本平台的机关）"
    )
    publisher = forms.CharField(
        label="外部报告的发布机关",
        max_length=200,
        required=False,
        help_text="选择“外部报告”时填写，例如“淮安市人民政府”",
    )
    files = MultipleFileField(
        label="年度报告文件（TXT、HTML、DOCX、PDF、XLSX，可多选，也可上传 ZIP 压缩包）",
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_publisher(self):
        return " ".join(self.cleaned_data["publisher"].split())

    def clean_files(self):
        """The uploaded files as (name, bytes), ZIPs unpacked: count, sizes and total checked before reading."""
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES} 个文件")
        for f in files:
            limit = MAX_BATCH_BYTES if _is_zip(f.name) else MAX_UPLOAD_BYTES
            if f.size > limit:
                raise forms.ValidationError(f"{f.name} 超过 {limit // _MB} MB，未上传任何文件")
            if f.size == 0:
                raise forms.ValidationError(f"{f.name} 是空文件，未上传任何文件")
        if sum(f.size for f in files) > MAX_BATCH_BYTES:
            raise forms.ValidationError(f"文件合计超过 {MAX_BATCH_BYTES // _MB} MB，未上传任何文件")
        reports: list[tuple[str, bytes]] = []
        for f in files:
            if _is_zip(f.name):
                reports += self._unpack(f, MAX_FILES - len(reports))
            else:
                reports.append((f.name, f.read()))
            if len(reports) > MAX_FILES:
                raise forms.ValidationError(
                    f"一次最多检查 {MAX_FILES} 份报告（含压缩包中的），未上传任何文件"
                )
        return reports

    def _unpack(self, upload, room: int) -> list[tuple[str, bytes]]:
        try:
            return unpack(
                upload.read(),
                max_files=max(room, 0),
                max_file_bytes=MAX_UPLOAD_BYTES,
                max_total_bytes=MAX_BATCH_BYTES,
            )
        except UnreadableError as exc:
            raise forms.ValidationError(f"{upload.name}：{exc}，未上传任何文件") from exc

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("agency") and not cleaned.get("publisher") and "publisher" not in self.errors:
            self.add_error("publisher", "外部报告请填写发布机关的名称")
        return cleaned


def _is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")
