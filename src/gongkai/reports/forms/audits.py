"""The auditor's upload form: several files at once, each checked for size before any is read."""

from __future__ import annotations

from django import forms

from ..services.audits import MAX_FILES, MAX_UPLOAD_BYTES

ACCEPTED = ".txt,.htm,.html,.docx,.pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f] or super().clean(None)


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(label="报告所属机关", queryset=None, empty_label=None)
    files = MultipleFileField(
        label="年度报告文件（TXT、HTML、DOCX、PDF，可多选）",
        widget=MultipleFileInput(attrs={"accept": ACCEPTED}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES} 个文件")
        for f in files:
            if f.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"{f.name} 超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB，未上传任何文件"
                )
            if f.size == 0:
                raise forms.ValidationError(f"{f.name} 是空文件，未上传任何文件")
        return files
