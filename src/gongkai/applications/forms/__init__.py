"""Staff forms of applications: the steps of a case (`steps`), intake and numbering (`intake`), letters
(`letters`), and the attachments field the portal's form shares (`attachments`)."""

from .assignment import AssignForm, BatchForm, SignoffForm
from .attachments import AttachmentsField, AttachmentsMixin
from .intake import IntakeWithAttachmentsForm, NumberPatternForm, SplitForm
from .letters import LetterForm, TemplateForm
from .steps import IntakeForm, StepForm

__all__ = [
    "AssignForm",
    "BatchForm",
    "SignoffForm",
    "AttachmentsField",
    "AttachmentsMixin",
    "IntakeForm",
    "IntakeWithAttachmentsForm",
    "LetterForm",
    "NumberPatternForm",
    "SplitForm",
    "StepForm",
    "TemplateForm",
]
