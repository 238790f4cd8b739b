"""The office's desk for applications in the Wagtail admin: the cases (`cases`), intake (`intake`), letters
(`letters`) and the numbering screen (`numbering`). Thin: scope, call a service, render."""
